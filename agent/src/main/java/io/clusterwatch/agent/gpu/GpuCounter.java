package io.clusterwatch.agent.gpu;

/**
 * The per-GPU counters, kept raw in the source's own unit; {@link #scale()} turns one raw step into
 * the metric's base unit.
 */
public enum GpuCounter {
  /** NVML counts millijoules since the driver was loaded. */
  ENERGY("gpu_energy_joules_total", 0.001),
  /** Volatile (since driver load) corrected ECC errors; absent when ECC is off or unsupported. */
  ECC_CORRECTED("gpu_ecc_corrected_errors_total", 1.0),
  /** Volatile (since driver load) uncorrected ECC errors; absent when ECC is off or unsupported. */
  ECC_UNCORRECTED("gpu_ecc_uncorrected_errors_total", 1.0),
  PCIE_REPLAY("gpu_pcie_replay_total", 1.0);

  private final String metric;
  private final double scale;

  GpuCounter(String metric, double scale) {
    this.metric = metric;
    this.scale = scale;
  }

  public String metric() {
    return metric;
  }

  public double scale() {
    return scale;
  }
}
