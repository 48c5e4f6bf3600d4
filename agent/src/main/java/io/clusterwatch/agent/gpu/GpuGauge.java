package io.clusterwatch.agent.gpu;

/** The per-GPU gauges, each in its metric's base unit (docs/METRICS.md, GPU families). */
public enum GpuGauge {
  /** Share of the last sample period (1/6 s to 1 s) in which a kernel ran, 0..1. */
  UTILIZATION("gpu_utilization_ratio"),
  /** Share of the last sample period in which device memory was read or written, 0..1. */
  MEMORY_UTILIZATION("gpu_memory_utilization_ratio"),
  MEMORY_USED("gpu_memory_used_bytes"),
  MEMORY_FREE("gpu_memory_free_bytes"),
  MEMORY_TOTAL("gpu_memory_total_bytes"),
  TEMPERATURE("gpu_temperature_celsius"),
  /** Board power; a 1 s average on Ampere and newer except GA100, instantaneous on older GPUs. */
  POWER("gpu_power_watts"),
  /** The enforced limit: the minimum of every limiter, out-of-band ones included. */
  POWER_LIMIT("gpu_power_limit_watts"),
  SM_CLOCK("gpu_sm_clock_hertz"),
  MEMORY_CLOCK("gpu_memory_clock_hertz"),
  /** The NVML clock-event (throttle) reason bitmask, e.g. 0x4 = software power cap. */
  CLOCK_EVENT_REASONS("gpu_clock_event_reasons"),
  /** 1 when MIG is enabled, 0 when disabled; absent on GPUs without MIG. */
  MIG_MODE("gpu_mig_mode"),
  /** Compute processes at the last process listing. */
  COMPUTE_PROCESSES("gpu_compute_processes"),
  /** The last XID code seen since the agent started, 0 when none (as dcgm-exporter). */
  LAST_XID("gpu_last_xid"),
  /*
   * Profiling metrics (NVML GPM, Hopper and later; absent elsewhere), each over the last tick: the
   * share of time or of capacity, 0..1, and throughput in bytes per second.
   */
  /** Share of time the graphics or compute engine was active (dcgm GR_ENGINE_ACTIVE). */
  GRAPHICS_ENGINE_ACTIVE("gpu_graphics_engine_active_ratio"),
  /**
   * Share of SMs busy, averaged over time: unlike utilisation, a spinning single kernel reads low.
   */
  SM_ACTIVE("gpu_sm_active_ratio"),
  /** Resident warps relative to the theoretical maximum. */
  SM_OCCUPANCY("gpu_sm_occupancy_ratio"),
  /** Share of cycles any tensor pipe was active. */
  TENSOR_ACTIVE("gpu_tensor_active_ratio"),
  FP64_ACTIVE("gpu_fp64_active_ratio"),
  FP32_ACTIVE("gpu_fp32_active_ratio"),
  FP16_ACTIVE("gpu_fp16_active_ratio"),
  /** Share of the peak DRAM bandwidth used. */
  DRAM_ACTIVE("gpu_dram_active_ratio"),
  PCIE_TRANSMIT("gpu_pcie_transmit_bytes_per_second"),
  PCIE_RECEIVE("gpu_pcie_receive_bytes_per_second"),
  NVLINK_TRANSMIT("gpu_nvlink_transmit_bytes_per_second"),
  NVLINK_RECEIVE("gpu_nvlink_receive_bytes_per_second");

  private final String metric;

  GpuGauge(String metric) {
    this.metric = metric;
  }

  public String metric() {
    return metric;
  }
}
