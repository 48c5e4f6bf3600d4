package io.clusterwatch.hub.store;

/**
 * The slots of a query's tier that hold data within its range, and the points they make: slots
 * {@code [lo, hi]} merged {@code group} at a time, the first point at group {@code firstGroup}.
 *
 * @param lo first slot read (clamped to what the tier holds)
 * @param hi last slot read (clamped to what the tier holds)
 * @param group adjacent slots per point
 * @param firstGroup index of the first point's group ({@code slot / group})
 * @param points points answered; 0 when the tier holds nothing in the range
 * @param stepMs time covered by one point
 */
record QueryWindow(long lo, long hi, int group, long firstGroup, int points, long stepMs) {

  /** The window of {@code [fromMs, toMs]} in {@code tier}, as {@code plan} groups its slots. */
  static QueryWindow of(Tier tier, QueryPlan plan, long fromMs, long toMs) {
    int group = plan.groupSlots();
    long lo = Math.floorDiv(fromMs, tier.stepMs);
    long hi = Math.floorDiv(toMs, tier.stepMs);
    if (!tier.isEmpty()) {
      lo = Math.max(lo, tier.oldestHeld());
      hi = Math.min(hi, tier.newest);
    }
    boolean none = tier.isEmpty() || lo > hi;
    long firstGroup = none ? 0 : Math.floorDiv(lo, group);
    int points = none ? 0 : (int) (Math.floorDiv(hi, group) - firstGroup + 1);
    return new QueryWindow(lo, hi, group, firstGroup, points, tier.stepMs * group);
  }

  /** Whether no slot is read. */
  boolean empty() {
    return points == 0;
  }

  /** Each point's start time. */
  long[] timestamps() {
    long[] timestamps = new long[points];
    for (int i = 0; i < points; i++) {
      timestamps[i] = (firstGroup + i) * stepMs;
    }
    return timestamps;
  }
}
