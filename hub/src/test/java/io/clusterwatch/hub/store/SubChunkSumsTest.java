package io.clusterwatch.hub.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.SeriesKey;
import org.junit.jupiter.api.Test;

/**
 * A raw tier's window sums: whole finished sub-chunks are summed once and kept, the window's edges
 * and the sub-chunk being written are read value by value, and what no window reads any more is
 * dropped at the next seal.
 */
class SubChunkSumsTest {
  private static final long STEP_MS = 1_000;

  /** 30 minute blocks: 1,800 slots, 28 sub-chunks of 64 and a last one of 8. */
  private static final long BLOCK_MS = 1_800_000;

  private static final SeriesKey KEY = new SeriesKey("util", Labels.of("gpu", "0"));

  private final RawTier tier =
      new RawTier(STEP_MS, 48 * 3_600_000L, BLOCK_MS, (t, b) -> {}, Tier.DiskBlocks.NONE);

  private static float valueAt(long slot) {
    return slot % 11 == 0 ? Float.NaN : (slot * 37 % 101) / 4f;
  }

  private void writeThrough(long lastSlot) {
    long from = tier.isEmpty() ? 0 : tier.newest + 1;
    for (long s = from; s <= lastSlot; s++) {
      tier.advance(s);
      float v = valueAt(s);
      if (!Float.isNaN(v)) {
        tier.put(0, v);
      }
    }
  }

  /** The sums a window over slots lo..hi must have, value by value. */
  private static WindowSums expected(long lo, long hi, long fromMs) {
    int points = 0;
    int after = 0;
    double sum = 0;
    double area = 0;
    for (long s = lo; s <= hi; s++) {
      float v = valueAt(s);
      if (!Float.isNaN(v)) {
        points++;
        sum += v;
        if (s * STEP_MS > fromMs) {
          after++;
          area += v * STEP_MS / 1000.0;
        }
      }
    }
    return new WindowSums(points, sum, after, area);
  }

  private WindowSums summed(long lo, long hi, long fromMs) {
    WindowSummer summer = new WindowSummer(lo, STEP_MS, fromMs);
    tier.sum(0, KEY, lo, hi, 1, lo, summer);
    return summer.result();
  }

  private static void assertSameSums(WindowSums want, WindowSums got) {
    assertEquals(want.points(), got.points(), "points");
    assertEquals(want.pointsAfterStart(), got.pointsAfterStart(), "points after the start");
    assertEquals(want.sum(), got.sum(), 1e-9 * Math.max(1, Math.abs(want.sum())), "sum");
    assertEquals(
        want.areaAfterStart(), got.areaAfterStart(), 1e-9 * Math.max(1, want.areaAfterStart()));
  }

  @Test
  void wholeFinishedSubChunksAreSummedOnceAndTheRestValueByValue() {
    tier.addColumn();
    writeThrough(1_800 + 700); // into the second block: its sub-chunks 0..9 closed, 10 written
    long lo = 1_000;
    long hi = tier.newest;
    WindowSums first = summed(lo, hi, lo * STEP_MS);
    assertSameSums(expected(lo, hi, lo * STEP_MS), first);

    SubChunkSums.Column sealedBlock = tier.subChunkSums.of(0, 0);
    assertFalse(sealedBlock.known(15), "slot 1000 lies inside sub-chunk 15: read value by value");
    for (int s = 16; s <= 28; s++) {
      assertTrue(sealedBlock.known(s), "sub-chunk " + s + " of the sealed block");
    }
    SubChunkSums.Column openBlock = tier.subChunkSums.of(1, 0);
    for (int s = 0; s <= 9; s++) {
      assertTrue(openBlock.known(s), "closed sub-chunk " + s + " of the open block");
    }
    assertFalse(openBlock.known(10), "the sub-chunk being written is never kept");

    writeThrough(1_800 + 900); // sub-chunks 10..13 close
    WindowSums later = summed(lo, tier.newest, lo * STEP_MS);
    assertSameSums(expected(lo, tier.newest, lo * STEP_MS), later);
    assertTrue(openBlock.known(13), "a sub-chunk closed since is summed at the next read");
  }

  @Test
  void theNewestSlotCanStillChangeSoItsSubChunkIsNotKept() {
    tier.addColumn();
    writeThrough(703); // the last slot of sub-chunk 10, which is still the one being written
    long fromMs = -1;
    WindowSums before = summed(0, 703, fromMs);
    assertSameSums(expected(0, 703, fromMs), before);
    tier.advance(703); // a second tick in the same slot replaces its value
    tier.put(0, 1_000f);
    WindowSums after = summed(0, 703, fromMs);
    assertEquals(before.points() + (Float.isNaN(valueAt(703)) ? 1 : 0), after.points());
    float was = Float.isNaN(valueAt(703)) ? 0 : valueAt(703);
    assertEquals(before.sum() - was + 1_000, after.sum(), 1e-9 * after.sum());
  }

  @Test
  void aWindowStartingOnASubChunkLeavesThatSlotOutOfTheIncrease() {
    tier.addColumn();
    writeThrough(900);
    long lo = 640; // sub-chunk 10 starts here, at the window's start: not after it
    WindowSums got = summed(lo, tier.newest, lo * STEP_MS);
    assertSameSums(expected(lo, tier.newest, lo * STEP_MS), got);
    assertFalse(tier.subChunkSums.of(0, 0).known(10));
    assertTrue(tier.subChunkSums.of(0, 0).known(11));

    WindowSums earlierStart = summed(lo, tier.newest, lo * STEP_MS - 1);
    assertSameSums(expected(lo, tier.newest, lo * STEP_MS - 1), earlierStart);
    assertTrue(tier.subChunkSums.of(0, 0).known(10), "now wholly after the window's start");
  }

  @Test
  void blocksNoWindowReadSinceTheLastSealAreDropped() {
    tier.addColumn();
    writeThrough(1_800 + 700);
    long empty = tier.subChunkSums.bytes();
    summed(1_000, tier.newest, 1_000 * STEP_MS);
    long held = tier.subChunkSums.bytes();
    assertTrue(held > empty, held + " bytes after a read, " + empty + " before");
    assertTrue(tier.bytes() >= held, "the tier's heap counts its sums");

    writeThrough(2 * 1_800 + 10); // seals block 1: blocks 0 and 1 were read since the last seal
    assertEquals(held, tier.subChunkSums.bytes());
    summed(2 * 1_800 - 300, tier.newest, (2 * 1_800 - 300) * STEP_MS); // reads blocks 1 and 2
    writeThrough(3 * 1_800 + 10); // seals block 2
    assertTrue(tier.subChunkSums.of(1, 0).known(25), "block 1 was read since the last seal");
    assertFalse(
        tier.subChunkSums.of(0, 0).known(20),
        "block 0, read by no window since the last seal, is dropped");
    writeThrough(4 * 1_800 + 10); // seals block 3; nothing read since
    assertEquals(empty, tier.subChunkSums.bytes());
  }

  @Test
  void aCountMustFitAByte() {
    assertThrows(IllegalArgumentException.class, () -> new SubChunkSums(2, 128));
  }
}
