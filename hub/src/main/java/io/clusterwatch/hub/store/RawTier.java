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
  long newestInRing() {
    return newest;
  }

  @Override
  void emit(float[] chunk, int offset, int point, PointsBuilder out) {
    double v = chunk == null ? Double.NaN : chunk[offset];
    out.add(point, v, v, v);
  }

  @Override
  void emitOpen(int column, int point, PointsBuilder out) {
    throw new IllegalStateException("the raw tier has no open slot");
  }
}
