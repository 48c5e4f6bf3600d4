package io.clusterwatch.protocol.exposition;

import java.util.List;

/**
 * Where an internal series goes when it leaves clusterwatch for the Prometheus ecosystem (the
 * agent's {@code /metrics}, the hub's remote write): host groups under node_exporter's names
 * ({@code node_<metric>}), GPU series dcgm-exporter has under its {@code DCGM_FI_*} names ({@link
 * DcgmFamilies}), everything else as {@code clusterwatch_<metric>}.
 */
public final class ExpositionNames {
  public static final String NODE_PREFIX = "node_";
  public static final String OWN_PREFIX = "clusterwatch_";

  /** Internal prefixes of the metric groups node_exporter also exposes. */
  private static final List<String> NODE_GROUPS =
      List.of("cpu_", "memory_", "disk_", "network_", "infiniband_", "pressure_");

  private ExpositionNames() {}

  /** True for series node_exporter exposes as {@code node_<metric>}. */
  public static boolean isNodeExporter(String metric) {
    for (String group : NODE_GROUPS) {
      if (metric.startsWith(group)) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code value * factor}, except that where {@code factor} is 1/n or n for a whole n the value is
   * divided or multiplied by n, which is how node_exporter turns USER_HZ ticks into seconds (no 0.1
   * + 0.2 style residue).
   */
  public static double scaled(double value, double factor) {
    if (factor == 1.0) {
      return value;
    }
    if (factor < 1.0) {
      double divisor = Math.rint(1.0 / factor);
      if (Math.abs(1.0 / factor - divisor) < 1e-9 * divisor) {
        return value / divisor;
      }
    } else {
      double multiplier = Math.rint(factor);
      if (Math.abs(factor - multiplier) < 1e-9 * multiplier) {
        return value * multiplier;
      }
    }
    return value * factor;
  }
}
