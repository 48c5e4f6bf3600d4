package io.clusterwatch.hub.store;

import java.util.Arrays;

/**
 * A rollup tier: per bucket and series, the min, average and max of the non-NaN raw values in the
 * bucket (NaN when it has none). The open (newest) bucket is accumulated in dense per-column arrays
 * and written to the ring when the next bucket opens, so each raw value costs a few sequential
 * writes rather than a scattered one per tier.
 */
final class RollupTier extends Tier {
  // 1.5 KB chunks: a young host holds little more than it has seen
  private static final int TARGET_CHUNK_SLOTS = 128;
  private static final int MIN = 0;
  private static final int AVG = 1;
  private static final int MAX = 2;

  private float[] min = new float[0];
  private float[] max = new float[0];
  private double[] sum = new double[0];
  private int[] count = new int[0];

  RollupTier(RollupTierConfig config) {
    super(config.stepMs(), config.retentionMs(), TARGET_CHUNK_SLOTS);
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
    if (isEmpty()) {
      first = bucket;
    } else {
      flushNewest();
      clearAfterNewest(bucket - newest - 1);
    }
    newest = bucket;
    Arrays.fill(count, 0, columnCount, 0);
    Arrays.fill(sum, 0, columnCount, 0.0);
  }

  /** Adds a non-NaN raw value to the open bucket. */
  void add(int column, double value) {
    float f = (float) value;
    if (count[column] == 0) {
      min[column] = f;
      max[column] = f;
    } else {
      min[column] = Math.min(min[column], f);
      max[column] = Math.max(max[column], f);
    }
    sum[column] += value;
    count[column]++;
  }

  private void flushNewest() {
    int position = ring.position(newest);
    for (int c = 0; c < columnCount; c++) {
      FloatColumn column = columns[c];
      if (count[c] == 0) {
        column.set(position, MIN, Float.NaN);
        column.set(position, AVG, Float.NaN);
        column.set(position, MAX, Float.NaN);
      } else {
        column.set(position, MIN, min[c]);
        column.set(position, AVG, (float) (sum[c] / count[c]));
        column.set(position, MAX, max[c]);
      }
    }
  }

  @Override
  long newestInRing() {
    return newest - 1;
  }

  @Override
  void emit(float[] chunk, int offset, int point, PointsBuilder out) {
    if (chunk == null) {
      out.add(point, Double.NaN, Double.NaN, Double.NaN);
    } else {
      int i = offset * 3;
      out.add(point, chunk[i + MIN], chunk[i + AVG], chunk[i + MAX]);
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
