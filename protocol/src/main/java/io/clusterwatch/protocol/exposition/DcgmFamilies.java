package io.clusterwatch.protocol.exposition;

import java.util.Map;

/**
 * The internal GPU series that dcgm-exporter also exposes, with its names, HELP texts and units
 * (NVIDIA/dcgm-exporter {@code etc/default-counters.csv}; docs/METRICS.md). Internal values are in
 * base units; dcgm-exporter shows % for the DEV ratios, MiB for bytes, MHz for clocks and mJ for
 * energy, but its profiling (PROF) families as ratios 0..1 and bytes per second, as here.
 */
public final class DcgmFamilies {
  private static final double PERCENT = 100.0;
  private static final double MIB = 1.0 / (1 << 20);
  private static final double MHZ = 1e-6;
  private static final double MILLIJOULES = 1000.0;

  private static final Map<String, DcgmFamily> BY_INTERNAL =
      Map.ofEntries(
          Map.entry(
              "gpu_utilization_ratio",
              gauge("DCGM_FI_DEV_GPU_UTIL", "GPU utilization (in %).", PERCENT)),
          Map.entry(
              "gpu_memory_utilization_ratio",
              gauge("DCGM_FI_DEV_MEM_COPY_UTIL", "Memory utilization (in %).", PERCENT)),
          Map.entry(
              "gpu_memory_used_bytes",
              gauge("DCGM_FI_DEV_FB_USED", "Framebuffer memory used (in MiB).", MIB)),
          Map.entry(
              "gpu_memory_free_bytes",
              gauge("DCGM_FI_DEV_FB_FREE", "Framebuffer memory free (in MiB).", MIB)),
          Map.entry(
              "gpu_memory_total_bytes",
              gauge("DCGM_FI_DEV_FB_TOTAL", "Framebuffer memory total (in MiB).", MIB)),
          Map.entry(
              "gpu_temperature_celsius",
              gauge("DCGM_FI_DEV_GPU_TEMP", "GPU temperature (in C).", 1)),
          Map.entry("gpu_power_watts", gauge("DCGM_FI_DEV_POWER_USAGE", "Power draw (in W).", 1)),
          Map.entry(
              "gpu_power_limit_watts",
              gauge(
                  "DCGM_FI_DEV_ENFORCED_POWER_LIMIT",
                  "Effective power limit that the driver enforces (in W).",
                  1)),
          Map.entry(
              "gpu_sm_clock_hertz",
              gauge("DCGM_FI_DEV_SM_CLOCK", "SM clock frequency (in MHz).", MHZ)),
          Map.entry(
              "gpu_memory_clock_hertz",
              gauge("DCGM_FI_DEV_MEM_CLOCK", "Memory clock frequency (in MHz).", MHZ)),
          Map.entry(
              "gpu_clock_event_reasons",
              gauge(
                  "DCGM_FI_DEV_CLOCK_THROTTLE_REASONS",
                  "Current clock event (throttle) reasons, NVML bitmask.",
                  1)),
          Map.entry(
              "gpu_last_xid",
              gauge("DCGM_FI_DEV_XID_ERRORS", "Value of the last XID error encountered.", 1)),
          Map.entry(
              "gpu_energy_joules_total",
              counter(
                  "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION",
                  "Total energy consumption since boot (in mJ).",
                  MILLIJOULES)),
          Map.entry(
              "gpu_ecc_corrected_errors_total",
              counter(
                  "DCGM_FI_DEV_ECC_SBE_VOL_TOTAL",
                  "Total number of single-bit volatile ECC errors.",
                  1)),
          Map.entry(
              "gpu_ecc_uncorrected_errors_total",
              counter(
                  "DCGM_FI_DEV_ECC_DBE_VOL_TOTAL",
                  "Total number of double-bit volatile ECC errors.",
                  1)),
          Map.entry(
              "gpu_pcie_replay_total",
              counter("DCGM_FI_DEV_PCIE_REPLAY_COUNTER", "Total number of PCIe retries.", 1)),
          Map.entry(
              "gpu_graphics_engine_active_ratio",
              gauge(
                  "DCGM_FI_PROF_GR_ENGINE_ACTIVE",
                  "Ratio of time the graphics engine is active.",
                  1)),
          Map.entry(
              "gpu_sm_active_ratio",
              gauge(
                  "DCGM_FI_PROF_SM_ACTIVE",
                  "The ratio of cycles an SM has at least 1 warp assigned.",
                  1)),
          Map.entry(
              "gpu_sm_occupancy_ratio",
              gauge(
                  "DCGM_FI_PROF_SM_OCCUPANCY",
                  "The ratio of number of warps resident on an SM.",
                  1)),
          Map.entry(
              "gpu_tensor_active_ratio",
              gauge(
                  "DCGM_FI_PROF_PIPE_TENSOR_ACTIVE",
                  "Ratio of cycles the tensor (HMMA) pipe is active.",
                  1)),
          Map.entry(
              "gpu_fp64_active_ratio",
              gauge(
                  "DCGM_FI_PROF_PIPE_FP64_ACTIVE",
                  "Ratio of cycles the fp64 pipes are active.",
                  1)),
          Map.entry(
              "gpu_fp32_active_ratio",
              gauge(
                  "DCGM_FI_PROF_PIPE_FP32_ACTIVE",
                  "Ratio of cycles the fp32 pipes are active.",
                  1)),
          Map.entry(
              "gpu_fp16_active_ratio",
              gauge(
                  "DCGM_FI_PROF_PIPE_FP16_ACTIVE",
                  "Ratio of cycles the fp16 pipes are active.",
                  1)),
          Map.entry(
              "gpu_dram_active_ratio",
              gauge(
                  "DCGM_FI_PROF_DRAM_ACTIVE",
                  "Ratio of cycles the device memory interface is active sending or receiving data.",
                  1)),
          Map.entry(
              "gpu_pcie_transmit_bytes_per_second",
              gauge(
                  "DCGM_FI_PROF_PCIE_TX_BYTES",
                  "The rate of data transmitted over the PCIe bus - including both protocol headers"
                      + " and data payloads - in bytes per second.",
                  1)),
          Map.entry(
              "gpu_pcie_receive_bytes_per_second",
              gauge(
                  "DCGM_FI_PROF_PCIE_RX_BYTES",
                  "The rate of data received over the PCIe bus - including both protocol headers"
                      + " and data payloads - in bytes per second.",
                  1)),
          Map.entry(
              "gpu_nvlink_transmit_bytes_per_second",
              gauge(
                  "DCGM_FI_PROF_NVLINK_TX_BYTES",
                  "The rate of data transmitted over NVLink, not including protocol headers, in bytes"
                      + " per second.",
                  1)),
          Map.entry(
              "gpu_nvlink_receive_bytes_per_second",
              gauge(
                  "DCGM_FI_PROF_NVLINK_RX_BYTES",
                  "The rate of data received over NVLink, not including protocol headers, in bytes"
                      + " per second.",
                  1)));

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
