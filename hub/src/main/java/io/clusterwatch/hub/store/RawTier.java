package io.clusterwatch.hub.store;

/** The raw tier: one float per slot per series, at the sampling interval. */
final class RawTier extends Tier {
  private static final int TARGET_CHUNK_SLOTS = 1024;

  private int newestPosition;

  RawTier(long stepMs, long retentionMs) {
    super(stepMs, retentionMs, TARGET_CHUNK_SLOTS);
  }

  @Override
  int width() {
    return 1;
  }

  /** Opens {@code slot} (after the newest): every slot up to it starts as a gap in every column. */
  void advance(long slot) {
    if (isEmpty()) {
      first = slot;
    } else {
      clearAfterNewest(slot - newest);
    }
    newest = slot;
    newestPosition = ring.position(slot);
  }

  /** Stores a value in the newest slot. */
  void put(int column, float value) {
    columns[column].set(newestPosition, 0, value);
  }

  @Override
  void read(int column, long lo, long hi, int groupSlots, long firstGroup, PointsBuilder out) {
    FloatColumn values = columns[column];
    int capacity = ring.capacity();
    int position = ring.position(lo);
    for (long s = lo; s <= hi; s++) {
      double v = values.get(position, 0);
      out.add((int) (Math.floorDiv(s, groupSlots) - firstGroup), v, v, v);
      if (++position == capacity) {
        position = 0;
      }
    }
  }
}
