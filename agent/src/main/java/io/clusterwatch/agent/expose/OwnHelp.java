package io.clusterwatch.agent.expose;

import java.util.Map;

/**
 * HELP texts of the {@code clusterwatch_} families (series neither node_exporter nor dcgm-exporter
 * has).
 */
final class OwnHelp {
  private static final Map<String, String> BY_INTERNAL =
      Map.ofEntries(
          Map.entry("agent_collector_duration_seconds", "How long the collector's last run took."),
          Map.entry(
              "agent_collector_success", "1 when the collector's last run succeeded, else 0."),
          Map.entry(
              "agent_frames_dropped_total",
              "Data frames dropped from the resend buffer while the hub did not acknowledge them."),
          Map.entry("agent_buffered_frames", "Data frames waiting for the hub's acknowledgement."),
          Map.entry("agent_hub_connected", "1 while the agent streams to the hub, else 0."),
          Map.entry("gpu_info", "Identity of each GPU; the value is always 1."),
          Map.entry("gpu_xid_errors_total", "XID errors reported by NVML, per XID code."),
          Map.entry("gpu_compute_processes", "Compute processes running on the GPU."),
          Map.entry("gpu_mig_mode", "1 when MIG mode is enabled on the GPU."),
          Map.entry("gpu_mig_memory_used_bytes", "Memory used by the MIG instance in bytes."),
          Map.entry("gpu_mig_memory_total_bytes", "Memory of the MIG instance in bytes."),
          Map.entry(
              "job_cpu_seconds_total",
              "CPU time of the job's cgroup in seconds, per mode (user, system)."),
          Map.entry(
              "job_cpu_throttled_seconds_total",
              "Time the job's cgroup was throttled by its CPU quota, in seconds."),
          Map.entry(
              "job_cpu_throttled_periods_total",
              "CPU quota periods in which the job's cgroup was throttled."),
          Map.entry("job_memory_bytes", "Memory charged to the job's cgroup now, in bytes."),
          Map.entry(
              "job_memory_peak_bytes", "Most memory ever charged to the job's cgroup, in bytes."),
          Map.entry(
              "job_memory_limit_bytes",
              "Memory limit of the job's cgroup in bytes; absent when unlimited."),
          Map.entry(
              "job_oom_kills_total", "Processes of the job's cgroup killed by the OOM killer."),
          Map.entry(
              "job_disk_read_bytes_total", "Bytes the job's cgroup read from the block device."),
          Map.entry(
              "job_disk_written_bytes_total", "Bytes the job's cgroup wrote to the block device."),
          Map.entry(
              "job_disk_reads_completed_total",
              "Read operations of the job's cgroup on the block device."),
          Map.entry(
              "job_disk_writes_completed_total",
              "Write operations of the job's cgroup on the block device."),
          Map.entry(
              "job_pressure_cpu_waiting_seconds_total",
              "Time in seconds that tasks of the job's cgroup waited for CPU (PSI some)."),
          Map.entry(
              "job_pressure_io_waiting_seconds_total",
              "Time in seconds that tasks of the job's cgroup waited for I/O (PSI some)."),
          Map.entry(
              "job_pressure_io_stalled_seconds_total",
              "Time in seconds that all tasks of the job's cgroup were stalled on I/O (PSI full)."),
          Map.entry(
              "job_pressure_memory_waiting_seconds_total",
              "Time in seconds that tasks of the job's cgroup waited for memory (PSI some)."),
          Map.entry(
              "job_pressure_memory_stalled_seconds_total",
              "Time in seconds that all tasks of the job's cgroup were stalled on memory (PSI full)."),
          Map.entry(
              "gpu_stale",
              "1 when the GPU's last NVML call timed out or the GPU is lost; its values are old."));

  private OwnHelp() {}

  static String help(String internal) {
    String h = BY_INTERNAL.get(internal);
    return h != null ? h : "clusterwatch agent series " + internal + ".";
  }
}
