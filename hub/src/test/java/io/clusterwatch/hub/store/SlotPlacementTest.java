package io.clusterwatch.hub.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlotPlacementTest {
  private static final long NONE = Tier.NONE;
  private static final long REJECTED = SlotPlacement.REJECTED;

  @ParameterizedTest(name = "tick at {0} after ({1}, slot {2}) -> {3}")
  @CsvSource({
    // ts, newest ts, newest slot, expected slot (step 1000 ms)
    "1500, " + NONE + ", " + NONE + ", 1",
    "-1, " + NONE + ", " + NONE + ", -1",
    "2500, 1500, 1, 2",
    "9000, 1500, 1, 9",
    "2999, 2001, 2, 3", // jittered into the filled slot, 1 ms before the next: moves on
    "2500, 2001, 2, 3", // exactly half a step before the next slot: moves on
    "2499, 2001, 2, " + REJECTED, // more than half a step early: a second tick in one step
    "2001, 2001, 2, " + REJECTED, // duplicate
    "1999, 2001, 2, " + REJECTED, // older
  })
  void ticksGoToTheirSlotOrTheNextWithinHalfAStep(
      long ts, long newestTs, long newestSlot, long expected) {
    assertEquals(expected, SlotPlacement.place(ts, 1_000, newestTs, newestSlot));
  }
}
