package io.clusterwatch.hub.store;

import java.util.Arrays;

/**
 * A rollup tier: per bucket and series, the min, average and max of the non-NaN raw values in the
 * bucket (NaN when it has none). The open (newest) bucket is accumulated in dense per-column arrays
 * and written to the open block when the next bucket opens, so each raw value costs a few
 * sequential writes rather than a scattered one per tier.
 */
final class RollupTier extends Tier {
  /** 32 buckets per sub-chunk: the float array being written is 400 bytes per series. */
  static final int SUB_SLOTS = 32;

  private static final int MIN = 0;
  private static final int AVG = 1;
  private static final int MAX = 2;
  private static final int NEGATIVE_ZERO_BITS = Float.floatToRawIntBits(-0.0f);

  private float[] min = new float[0];
  private float[] max = new float[0];
  private double[] sum = new double[0];
  private int[] count = new int[0];

  RollupTier(int index, RollupTierConfig config, long blockMs, Sealer sealer, DiskBlocks disk) {
    super(index, config.stepMs(), config.retentionMs(), blockMs, SUB_SLOTS, sealer, disk);
  }

  @Override
  int width() {
    return 3;
  }

  @Override
  void addColumn() {
    super.addColumn();
    if (columnCount > count.length) {
      int n = columns.length;
      min = Arrays.copyOf(min, n);
      max = Arrays.copyOf(max, n);
      sum = Arrays.copyOf(sum, n);
      count = Arrays.copyOf(count, n);
    }
    count[columnCount - 1] = 0;
    sum[columnCount - 1] = 0;
  }

  /** Makes {@code bucket} (not older than the newest) the open bucket. */
  void advanceTo(long bucket) {
    if (bucket == newest) {
      return;
    }
    if (!isEmpty()) {
      flushNewest();
    }
    moveTo(bucket);
    Arrays.fill(count, 0, columnCount, 0);
    Arrays.fill(sum, 0, columnCount, 0.0);
  }

  /** Adds a non-NaN raw value to the open bucket. */
  void add(int column, double value) {
    float f = (float) value;
    int n = count[column];
    if (n == 0) {
      min[column] = f;
      max[column] = f;
    } else {
      // Math.min and Math.max of non-NaN floats, without their calls on the per-value path
      float lo = min[column];
      if (f < lo || (f == 0.0f && lo == 0.0f && isNegativeZero(f))) {
        min[column] = f;
      }
      float hi = max[column];
      if (f > hi || (f == 0.0f && hi == 0.0f && isNegativeZero(hi))) {
        max[column] = f;
      }
    }
    sum[column] += value;
    count[column] = n + 1;
  }

  private static boolean isNegativeZero(float f) {
    return Float.floatToRawIntBits(f) == NEGATIVE_ZERO_BITS;
  }

  private void flushNewest() {
    for (int c = 0; c < columnCount; c++) {
      if (count[c] > 0) {
        setNewest(c, MIN, min[c]);
        setNewest(c, AVG, (float) (sum[c] / count[c]));
        setNewest(c, MAX, max[c]);
      }
    }
  }

  /** Writes the open bucket and seals the block: the host went quiet past the block's end. */
  @Override
  void closeOpenBlock() {
    if (openBlock != NONE) {
      flushNewest();
      Arrays.fill(count, 0, columnCount, 0);
      Arrays.fill(sum, 0, columnCount, 0.0);
    }
    super.closeOpenBlock();
  }

  @Override
  long newestInRing() {
    // the newest bucket is still being accumulated, unless its block was closed
    return openBlock == NONE ? newest : newest - 1;
  }

  @Override
  void emit(float[] values, int offset, int point, PointsBuilder out) {
    if (values == null) {
      out.add(point, Double.NaN, Double.NaN, Double.NaN);
    } else {
      int i = offset * 3;
      out.add(point, values[i + MIN], values[i + AVG], values[i + MAX]);
    }
  }

  @Override
  void emitOpen(int column, int point, PointsBuilder out) {
    if (count[column] > 0) {
      out.add(point, min[column], (float) (sum[column] / count[column]), max[column]);
    } else {
      out.add(point, Double.NaN, Double.NaN, Double.NaN);
    }
  }

  @Override
  long bytes() {
    // the open-bucket accumulators: min and max (float), sum (double), count (int) per column
    return super.bytes() + 20L * min.length;
  }
}
