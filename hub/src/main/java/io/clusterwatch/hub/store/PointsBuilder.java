package io.clusterwatch.hub.store;

import io.clusterwatch.protocol.SeriesKey;
import java.util.Arrays;

/**
 * Collects the points of one series for a query. Without grouping each slot is one point; with
 * grouping, adjacent slots merge into one point: min of the mins, max of the maxes and the mean of
 * the non-NaN averages (each slot's average weighs the same). A point with no value is NaN.
 */
final class PointsBuilder implements PointSink {
  private final boolean grouped;
  private final boolean single;
  private final double[] min;
  private final double[] avg;
  private final double[] max;
  private final int[] count;

  /**
   * @param points number of points
   * @param grouped whether several slots merge into one point
   * @param single whether min, avg and max are the same value (raw slots, not grouped)
   */
  PointsBuilder(int points, boolean grouped, boolean single) {
    this.grouped = grouped;
    this.single = single && !grouped;
    this.avg = nanArray(points);
    this.min = this.single ? avg : nanArray(points);
    this.max = this.single ? avg : nanArray(points);
    this.count = grouped ? new int[points] : null;
  }

  private static double[] nanArray(int n) {
    double[] a = new double[n];
    Arrays.fill(a, Double.NaN);
    return a;
  }

  @Override
  public void add(int point, double mn, double av, double mx) {
    if (!grouped) {
      avg[point] = av;
      if (!single) {
        min[point] = mn;
        max[point] = mx;
      }
      return;
    }
    if (!Double.isNaN(mn)) {
      min[point] = Double.isNaN(min[point]) ? mn : Math.min(min[point], mn);
    }
    if (!Double.isNaN(mx)) {
      max[point] = Double.isNaN(max[point]) ? mx : Math.max(max[point], mx);
    }
    if (!Double.isNaN(av)) {
      avg[point] = count[point] == 0 ? av : avg[point] + av;
      count[point]++;
    }
  }

  SeriesData build(String host, SeriesKey key, String unit, long stepMs, long[] timestampsMs) {
    if (grouped) {
      for (int i = 0; i < count.length; i++) {
        if (count[i] > 1) {
          avg[i] /= count[i];
        }
      }
    }
    return new SeriesData(host, key, unit, stepMs, timestampsMs, min, avg, max);
  }
}
