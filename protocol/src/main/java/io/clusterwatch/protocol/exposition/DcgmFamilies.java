package io.clusterwatch.protocol.exposition;

import java.util.Map;

/**
 * The internal GPU series that dcgm-exporter also exposes, with its names, HELP texts and units
 * (NVIDIA/dcgm-exporter {@code etc/default-counters.csv}; docs/METRICS.md). Internal values are in
 * base units; dcgm-exporter shows % for ratios, MiB for bytes, MHz for clocks and mJ for energy.
 */
public final class DcgmFamilies {
  private static final double PERCENT = 100.0;
  private static final double MIB = 1.0 / (1 << 20);
  private static final double MHZ = 1e-6;
  private static final double MILLIJOULES = 1000.0;

  private static final Map<String, DcgmFamily> BY_INTERNAL =
      Map.ofEntries(
          Map.entry("gpu_utilization_ratio",
              gauge("DCGM_FI_DEV_GPU_UTIL", "GPU utilization (in %).", PERCENT)),
          Map.entry("gpu_memory_utilization_ratio",
              gauge("DCGM_FI_DEV_MEM_COPY_UTIL", "Memory utilization (in %).", PERCENT)),
          Map.entry("gpu_memory_used_bytes",
              gauge("DCGM_FI_DEV_FB_USED", "Framebuffer memory used (in MiB).", MIB)),
          Map.entry("gpu_memory_free_bytes",
              gauge("DCGM_FI_DEV_FB_FREE", "Framebuffer memory free (in MiB).", MIB)),
          Map.entry("gpu_memory_total_bytes",
              gauge("DCGM_FI_DEV_FB_TOTAL", "Framebuffer memory total (in MiB).", MIB)),
          Map.entry("gpu_temperature_celsius",
              gauge("DCGM_FI_DEV_GPU_TEMP", "GPU temperature (in C).", 1)),
          Map.entry("gpu_power_watts",
              gauge("DCGM_FI_DEV_POWER_USAGE", "Power draw (in W).", 1)),
          Map.entry("gpu_power_limit_watts",
              gauge("DCGM_FI_DEV_ENFORCED_POWER_LIMIT",
                  "Effective power limit that the driver enforces (in W).", 1)),
          Map.entry("gpu_sm_clock_hertz",
              gauge("DCGM_FI_DEV_SM_CLOCK", "SM clock frequency (in MHz).", MHZ)),
          Map.entry("gpu_memory_clock_hertz",
              gauge("DCGM_FI_DEV_MEM_CLOCK", "Memory clock frequency (in MHz).", MHZ)),
          Map.entry("gpu_clock_event_reasons",
              gauge("DCGM_FI_DEV_CLOCK_THROTTLE_REASONS",
                  "Current clock event (throttle) reasons, NVML bitmask.", 1)),
          Map.entry("gpu_last_xid",
              gauge("DCGM_FI_DEV_XID_ERRORS", "Value of the last XID error encountered.", 1)),
          Map.entry("gpu_energy_joules_total",
              counter("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION",
                  "Total energy consumption since boot (in mJ).", MILLIJOULES)),
          Map.entry("gpu_ecc_corrected_errors_total",
              counter("DCGM_FI_DEV_ECC_SBE_VOL_TOTAL",
                  "Total number of single-bit volatile ECC errors.", 1)),
          Map.entry("gpu_ecc_uncorrected_errors_total",
              counter("DCGM_FI_DEV_ECC_DBE_VOL_TOTAL",
                  "Total number of double-bit volatile ECC errors.", 1)),
          Map.entry("gpu_pcie_replay_total",
              counter("DCGM_FI_DEV_PCIE_REPLAY_COUNTER", "Total number of PCIe retries.", 1)));

  private DcgmFamilies() {}

  /** The dcgm-exporter family of an internal series, or null when dcgm-exporter has none. */
  public static DcgmFamily of(String internal) {
    return BY_INTERNAL.get(internal);
  }

  private static DcgmFamily gauge(String name, String help, double factor) {
    return new DcgmFamily(name, help, factor, false);
  }

  private static DcgmFamily counter(String name, String help, double factor) {
    return new DcgmFamily(name, help, factor, true);
  }
}
