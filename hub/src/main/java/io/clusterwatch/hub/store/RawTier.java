package io.clusterwatch.hub.store;

/** The raw tier: one float per slot per series, at the sampling interval. */
final class RawTier extends Tier {
  private static final int TARGET_CHUNK_SLOTS = 1024;

  private int newestChunk;
  private int newestOffset;

  RawTier(long stepMs, long retentionMs) {
    super(stepMs, retentionMs, TARGET_CHUNK_SLOTS);
  }

  @Override
  int width() {
    return 1;
  }

  /** Opens {@code slot} (after the newest): every slot up to it starts as a gap in every column. */
  void advance(long slot) {
    int position = ring.position(slot);
    newestChunk = position / ring.chunkSlots();
    newestOffset = position % ring.chunkSlots();
    if (isEmpty()) {
      first = slot;
    } else if (slot == newest + 1) {
      for (int c = 0; c < columnCount; c++) {
        columns[c].clearSlot(newestChunk, newestOffset);
      }
    } else {
      clearAfterNewest(slot - newest);
    }
    newest = slot;
  }

  /** Stores a value in the newest slot. */
  void put(int column, float value) {
    columns[column].set(newestChunk, newestOffset, 0, value);
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
