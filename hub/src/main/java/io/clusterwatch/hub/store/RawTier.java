package io.clusterwatch.hub.store;

/** The raw tier: one float per slot per series, at the sampling interval. */
final class RawTier extends Tier {
  /** 64 slots per sub-chunk: the float array being written is 256 bytes per series. */
  static final int SUB_SLOTS = 64;

  RawTier(long stepMs, long retentionMs, long blockMs, Sealer sealer, DiskBlocks disk) {
    super(0, stepMs, retentionMs, blockMs, SUB_SLOTS, sealer, disk);
  }

  @Override
  int width() {
    return 1;
  }

  /** Opens {@code slot} (after the newest): slots not written stay gaps in every column. */
  void advance(long slot) {
    moveTo(slot);
  }

  /** Stores a value in the newest slot. */
  void put(int column, float value) {
    setNewest(column, 0, value);
  }

  @Override
  long newestInRing() {
    return newest;
  }

  @Override
  void emit(float[] values, int offset, int point, PointsBuilder out) {
    double v = values == null ? Double.NaN : values[offset];
    out.add(point, v, v, v);
  }

  @Override
  void emitOpen(int column, int point, PointsBuilder out) {
    throw new IllegalStateException("the raw tier has no open slot");
  }
}
