package io.clusterwatch.hub.store;

/**
 * Where a host's tick goes in the raw tier. Slot {@code floor(ts / step)} normally; a tick that
 * lands in the newest filled slot (agent timer jitter around a slot boundary: 2001 ms then 2999 ms)
 * moves to the next slot when that slot starts at most half a step after the tick. Anything else
 * not newer than the newest slot means the host sends faster than the store's step and is refused.
 */
final class SlotPlacement {
  static final long REJECTED = Long.MIN_VALUE;

  private SlotPlacement() {}

  /**
   * @param newestTsMs the host's newest accepted tick, or {@link Tier#NONE}
   * @param newestSlot the raw slot of that tick, or {@link Tier#NONE}
   * @return the raw slot for a tick at {@code tsMs}, or {@link #REJECTED}
   */
  static long place(long tsMs, long stepMs, long newestTsMs, long newestSlot) {
    long slot = Math.floorDiv(tsMs, stepMs);
    if (newestSlot == Tier.NONE) {
      return slot;
    }
    if (tsMs <= newestTsMs) {
      return REJECTED;
    }
    if (slot > newestSlot) {
      return slot;
    }
    long next = newestSlot + 1;
    return next * stepMs - tsMs <= stepMs / 2 ? next : REJECTED;
  }
}
