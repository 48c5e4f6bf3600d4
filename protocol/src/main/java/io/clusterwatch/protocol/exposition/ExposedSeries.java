package io.clusterwatch.protocol.exposition;

import java.util.Set;

/**
 * The name, unit factor and label spelling one internal metric takes outside clusterwatch (the
 * agent's {@code /metrics}, the hub's remote write), and the way back: what the hub reads from a
 * Prometheus-compatible database is translated with the same table it was written with.
 *
 * @param name the exposed metric name ({@code node_<metric>}, dcgm-exporter's {@code DCGM_FI_*} or
 *     {@code clusterwatch_<metric>})
 * @param factor multiplies a value in the internal base unit into the exposed unit
 * @param dcgm true for dcgm-exporter families, whose labels are spelled as dcgm-exporter spells
 *     them
 */
public record ExposedSeries(String name, double factor, boolean dcgm) {
  /** The host label every exposed series carries (Prometheus adds it when scraping). */
  public static final String INSTANCE = "instance";

  /** dcgm-exporter's host label. */
  public static final String HOSTNAME = "Hostname";

  /** dcgm-exporter's spelling of the internal {@code gpu_uuid} label. */
  public static final String UUID = "UUID";

  private static final String GPU_UUID = "gpu_uuid";

  /** Labels dcgm-exporter adds from gpu_info that internal GPU series do not carry. */
  private static final Set<String> DCGM_ADDED = Set.of("device", "modelName", HOSTNAME);

  /** Where the internal {@code metric} goes. */
  public static ExposedSeries of(String metric) {
    DcgmFamily dcgm = DcgmFamilies.of(metric);
    if (dcgm != null) {
      return new ExposedSeries(dcgm.name(), dcgm.factor(), true);
    }
    if (ExpositionNames.isNodeExporter(metric)) {
      return new ExposedSeries(ExpositionNames.NODE_PREFIX + metric, 1.0, false);
    }
    return new ExposedSeries(ExpositionNames.OWN_PREFIX + metric, 1.0, false);
  }

  /** The exposed name of the internal label {@code label}. */
  public String exposedLabel(String label) {
    return dcgm && label.equals(GPU_UUID) ? UUID : label;
  }

  /**
   * The internal name of the exposed label {@code label}, or null for a label the exposition adds
   * ({@code instance}; for dcgm families also {@code Hostname}, {@code device}, {@code modelName}).
   */
  public String internalLabel(String label) {
    if (label.equals(INSTANCE) || label.equals("__name__")) {
      return null;
    }
    if (dcgm) {
      if (label.equals(UUID)) {
        return GPU_UUID;
      }
      if (DCGM_ADDED.contains(label)) {
        return null;
      }
    }
    return label;
  }

  /** {@code value} (internal base unit) in the exposed unit. */
  public double exposed(double value) {
    return ExpositionNames.scaled(value, factor);
  }

  /** {@code value} (exposed unit) back in the internal base unit. */
  public double internal(double value) {
    return ExpositionNames.scaled(value, 1.0 / factor);
  }
}
