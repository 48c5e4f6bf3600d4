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
  LAST_XID("gpu_last_xid");

  private final String metric;

  GpuGauge(String metric) {
    this.metric = metric;
  }

  public String metric() {
    return metric;
  }
}
