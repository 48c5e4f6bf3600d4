package io.clusterwatch.protocol;

import java.util.regex.Pattern;

/** Rules for internal metric names: snake_case, base units as suffixes, counters end in _total. */
public final class MetricNames {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final String[] UNITS = {
    "bytes", "seconds", "watts", "celsius", "ratio", "hertz", "joules", "bits", "packets", "errors",
    "info"
  };

  private MetricNames() {}

  public static boolean isValidName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  /**
   * The base unit named by a metric's suffix ({@code disk_read_bytes_total} gives {@code bytes});
   * empty when the name carries no known unit.
   */
  public static String unitOf(String metric) {
    String base = metric.endsWith("_total") ? metric.substring(0, metric.length() - 6) : metric;
    for (String unit : UNITS) {
      if (base.endsWith("_" + unit)) {
        return unit.equals("info") ? "" : unit;
      }
    }
    return "";
  }
}
