package io.clusterwatch.protocol;

import java.util.Objects;

/**
 * One value of one series at collection time. Counters keep their raw unsigned 64-bit value in
 * {@code counterValue} (read it with {@link Long#toUnsignedString(long)}) and what one raw step is
 * worth in the metric's base unit in {@code scale}; gauges keep their value in {@code gaugeValue}.
 */
public record Sample(
    String metric,
    Labels labels,
    MetricType type,
    long counterValue,
    double gaugeValue,
    double scale) {
  public Sample {
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(labels, "labels");
    Objects.requireNonNull(type, "type");
  }

  /** A counter already in its metric's base unit (bytes, packets, errors). */
  public static Sample counter(String metric, Labels labels, long rawUnsigned) {
    return new Sample(metric, labels, MetricType.COUNTER, rawUnsigned, Double.NaN, 1.0);
  }

  /** A counter in a scaled source unit, e.g. CPU ticks with {@code scale} 0.01 for seconds. */
  public static Sample counter(String metric, Labels labels, long rawUnsigned, double scale) {
    return new Sample(metric, labels, MetricType.COUNTER, rawUnsigned, Double.NaN, scale);
  }

  public static Sample gauge(String metric, Labels labels, double value) {
    return new Sample(metric, labels, MetricType.GAUGE, 0L, value, 1.0);
  }

  public SeriesDescriptor descriptor() {
    return SeriesDescriptor.of(metric, labels, type, scale);
  }

  public SeriesKey key() {
    return new SeriesKey(metric, labels);
  }

  /**
   * The value in the metric's base unit as a double: gauges as they are, counters as raw times
   * scale (past 2^53 raw steps precision is lost).
   */
  public double doubleValue() {
    if (type == MetricType.GAUGE) {
      return gaugeValue;
    }
    return unsignedToDouble(counterValue) * scale;
  }

  /** The unsigned value of {@code raw} as a double. */
  public static double unsignedToDouble(long raw) {
    if (raw >= 0) {
      return raw;
    }
    double d = (double) (raw >>> 1) * 2.0;
    return d + (raw & 1L);
  }

  /** The raw 64 bits as they travel in a data frame. */
  public long wireBits() {
    return type == MetricType.COUNTER ? counterValue : Double.doubleToRawLongBits(gaugeValue);
  }
}
