package io.clusterwatch.protocol;

/** How a series' values travel and are interpreted. */
public enum MetricType {
  /** Monotonic raw value, carried as an unsigned 64-bit integer; the hub derives rates. */
  COUNTER,
  /** Instantaneous value, carried as an IEEE-754 float64. */
  GAUGE;

  /** The lower-case name used in the JSON series table. */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Parses {@code counter} or {@code gauge}; anything else is a {@link ProtocolException}. */
  public static MetricType fromWireName(String name) {
    if ("counter".equals(name)) {
      return COUNTER;
    }
    if ("gauge".equals(name)) {
      return GAUGE;
    }
    throw new ProtocolException("bad_series", "unknown series type: " + name);
  }
}
