package io.clusterwatch.hub.store;

import java.util.OptionalDouble;

/**
 * What one series' points over a window add up to, for a caller that needs their mean or a
 * counter's increase but not the points themselves: the points are those {@link SampleStore#query}
 * answers for the same window and point budget, in order.
 *
 * @param points points that hold a value (their average is not NaN)
 * @param sum sum of those points' averages
 * @param pointsAfterStart those of them that start after the window's start
 * @param areaAfterStart sum of their averages times the time a point covers, in seconds: for a rate
 *     (a counter's per-second increase), how much the counter grew
 */
public record WindowSums(int points, double sum, int pointsAfterStart, double areaAfterStart) {
  /** The sums of the points a query answered ({@code fromMs}: the window's start). */
  public static WindowSums of(SeriesData d, long fromMs) {
    int points = 0;
    double sum = 0;
    int after = 0;
    double area = 0;
    for (int i = 0; i < d.avg().length; i++) {
      double v = d.avg()[i];
      if (Double.isNaN(v)) {
        continue;
      }
      points++;
      sum += v;
      if (d.timestampsMs()[i] > fromMs) {
        after++;
        area += v * d.stepMs() / 1000.0;
      }
    }
    return new WindowSums(points, sum, after, area);
  }

  /** The mean of the points' averages; empty without a point that holds a value. */
  public OptionalDouble mean() {
    return points == 0 ? OptionalDouble.empty() : OptionalDouble.of(sum / points);
  }

  /** {@link #areaAfterStart}; empty without a point after the window's start that holds one. */
  public OptionalDouble increase() {
    return pointsAfterStart == 0 ? OptionalDouble.empty() : OptionalDouble.of(areaAfterStart);
  }
}
