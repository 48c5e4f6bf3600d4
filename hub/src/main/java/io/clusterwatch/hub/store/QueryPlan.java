package io.clusterwatch.hub.store;

/**
 * Which tier answers a query and how many of its slots merge into one point.
 *
 * @param tier index into the host's tiers, finest first
 * @param groupSlots adjacent slots per returned point (1: the tier as it is)
 */
record QueryPlan(int tier, int groupSlots) {

  /**
   * The finest tier whose retention window reaches back to {@code fromMs} and whose slot count over
   * {@code [fromMs, toMs]} fits {@code maxPoints}; when only the coarsest qualifies and its slots
   * still do not fit, its slots are grouped (groups aligned to multiples of the group width, so
   * repeated queries line up) into at most {@code maxPoints} points.
   */
  static QueryPlan choose(Tier[] tiers, long fromMs, long toMs, int maxPoints) {
    int last = tiers.length - 1;
    for (int i = 0; i < last; i++) {
      Tier t = tiers[i];
      long lo = Math.floorDiv(fromMs, t.stepMs);
      long hi = Math.floorDiv(toMs, t.stepMs);
      boolean covers = t.isEmpty() || lo >= t.oldestCovered();
      if (covers && hi - lo + 1 <= maxPoints) {
        return new QueryPlan(i, 1);
      }
    }
    long step = tiers[last].stepMs;
    long lo = Math.floorDiv(fromMs, step);
    long hi = Math.floorDiv(toMs, step);
    long slots = hi - lo + 1;
    long group = Math.max(1, (slots + maxPoints - 1) / maxPoints);
    while (Math.floorDiv(hi, group) - Math.floorDiv(lo, group) + 1 > maxPoints) {
      group++;
    }
    if (group > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("query range is too wide: " + fromMs + ".." + toMs);
    }
    return new QueryPlan(last, (int) group);
  }
}
