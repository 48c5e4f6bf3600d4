package io.clusterwatch.hub.store;

import java.util.Arrays;

/**
 * A rollup tier: per bucket and series, the min, average and max of the non-NaN raw values in the
 * bucket (NaN when it has none). The open (newest) bucket is accumulated in dense per-column arrays
 * and written to the open block when the next bucket opens, so each raw value costs a few
 * sequential writes rather than a scattered one per tier.
 *
 * <p>Only the finest rollup tier takes raw values. Each closing bucket of a tier is merged into the
 * next coarser tier's open bucket (min of the mins, max of the maxes, sums and counts added), which
 * is exact because every step is a multiple of the finer one's and buckets start at multiples of
 * their step, so a finer bucket lies wholly in one coarser bucket. A raw value then costs one
 * tier's accumulation however many tiers there are; the coarser open bucket, read before the finer
 * one closes, adds the finer tiers' open buckets.
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

  /** Takes this tier's buckets as they close; null for the coarsest tier. */
  private RollupTier coarser;

  /**
   * Whose open bucket lies in this tier's open bucket and is not in it yet; null for the finest.
   */
  private RollupTier finer;

  RollupTier(int index, RollupTierConfig config, long blockMs, Sealer sealer, DiskBlocks disk) {
    super(index, config.stepMs(), config.retentionMs(), blockMs, SUB_SLOTS, sealer, disk);
  }

  /**
   * Feeds {@code next} (the next coarser tier: its step a multiple of this one's) with every bucket
   * of this tier as it closes.
   */
  void feeds(RollupTier next) {
    if (next.stepMs <= stepMs || next.stepMs % stepMs != 0) {
      throw new IllegalArgumentException(
          "a " + stepMs + " ms tier cannot feed a " + next.stepMs + " ms tier");
    }
    coarser = next;
    next.finer = this;
  }

  @Override
  int width() {
    return 3;
  }

  @Override
  int averageField() {
    return AVG;
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

  /**
   * Adds a non-NaN raw value to the open bucket. {@link #merge} with a bucket of one would do, but
   * this runs for every raw value and C1 inlines neither: one call instead of two.
   */
  void add(int column, double value) {
    float f = (float) value;
    int n = count[column];
    if (n == 0) {
      min[column] = f;
      max[column] = f;
    } else {
      if (below(f, min[column])) {
        min[column] = f;
      }
      if (above(f, max[column])) {
        max[column] = f;
      }
    }
    sum[column] += value;
    count[column] = n + 1;
  }

  /** Adds a closed bucket of the finer tier (not empty) to the open bucket. */
  private void merge(int column, float lo, float hi, double bucketSum, int bucketCount) {
    int n = count[column];
    if (n == 0) {
      min[column] = lo;
      max[column] = hi;
    } else {
      if (below(lo, min[column])) {
        min[column] = lo;
      }
      if (above(hi, max[column])) {
        max[column] = hi;
      }
    }
    sum[column] += bucketSum;
    count[column] = n + bucketCount;
  }

  /**
   * Whether {@code f} is below {@code lo}, both non-NaN, -0.0 below 0.0: {@link Math#min}'s order
   * without its call on the per-value path.
   */
  private static boolean below(float f, float lo) {
    return f < lo || (f == 0.0f && lo == 0.0f && isNegativeZero(f));
  }

  /** Whether {@code f} is above {@code hi}, both non-NaN, 0.0 above -0.0 (as {@link Math#max}). */
  private static boolean above(float f, float hi) {
    return f > hi || (f == 0.0f && hi == 0.0f && isNegativeZero(hi));
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
        if (coarser != null) {
          coarser.merge(c, min[c], max[c], sum[c], count[c]);
        }
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
  void emit(float[] values, int offset, int point, PointSink out) {
    if (values == null) {
      out.add(point, Double.NaN, Double.NaN, Double.NaN);
    } else {
      int i = offset * 3;
      out.add(point, values[i + MIN], values[i + AVG], values[i + MAX]);
    }
  }

  @Override
  void emitOpen(int column, int point, PointSink out) {
    // this tier's open bucket and the finer tiers' open buckets inside it
    float lo = 0;
    float hi = 0;
    double bucketSum = 0;
    int n = 0;
    for (RollupTier t = this; t != null; t = t.finer) {
      int tn = t.count[column];
      if (tn == 0) {
        continue;
      }
      lo = n == 0 || below(t.min[column], lo) ? t.min[column] : lo;
      hi = n == 0 || above(t.max[column], hi) ? t.max[column] : hi;
      bucketSum += t.sum[column];
      n += tn;
    }
    if (n > 0) {
      out.add(point, lo, (float) (bucketSum / n), hi);
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
