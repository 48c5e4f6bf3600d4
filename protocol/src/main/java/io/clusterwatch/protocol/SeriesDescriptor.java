package io.clusterwatch.protocol;

import java.util.Objects;

/**
 * One entry of the series table: what a value position in a data frame means.
 *
 * @param metric internal metric name, Prometheus style, in base units (see {@link MetricNames})
 * @param labels hardware-identifying labels
 * @param type counter (raw u64) or gauge (f64)
 * @param unit base unit ({@code bytes}, {@code seconds}, {@code watts}, {@code celsius}, {@code
 *     ratio}, {@code hertz}, {@code joules}, or empty when dimensionless)
 * @param scale what one raw counter step is worth in {@code unit}: counters travel as exact
 *     integers in the source's own unit (CPU time in USER_HZ ticks has scale 0.01, disk time in ms
 *     has 0.001, energy in mJ has 0.001); always 1 for gauges, which collectors convert themselves
 */
public record SeriesDescriptor(
    String metric, Labels labels, MetricType type, String unit, double scale) {
  public SeriesDescriptor {
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(labels, "labels");
    Objects.requireNonNull(type, "type");
    unit = unit == null ? "" : unit;
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException("scale must be a positive number: " + scale);
    }
    if (!MetricNames.isValidName(metric)) {
      throw new IllegalArgumentException("invalid metric name: " + metric);
    }
  }

  /** A descriptor whose unit is read off the metric name's suffix. */
  public static SeriesDescriptor of(String metric, Labels labels, MetricType type) {
    return new SeriesDescriptor(metric, labels, type, MetricNames.unitOf(metric), 1.0);
  }

  public static SeriesDescriptor of(String metric, Labels labels, MetricType type, double scale) {
    return new SeriesDescriptor(metric, labels, type, MetricNames.unitOf(metric), scale);
  }

  /** Identity of the series, ignoring type and unit: metric plus labels. */
  public SeriesKey key() {
    return new SeriesKey(metric, labels);
  }
}
