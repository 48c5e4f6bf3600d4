package io.clusterwatch.agent.expose;

import java.util.Map;

/** HELP texts of the {@code clusterwatch_} families (series neither node_exporter nor dcgm-exporter has). */
final class OwnHelp {
  private static final Map<String, String> BY_INTERNAL =
      Map.ofEntries(
          Map.entry("agent_collector_duration_seconds", "How long the collector's last run took."),
          Map.entry("agent_collector_success", "1 when the collector's last run succeeded, else 0."),
          Map.entry("agent_frames_dropped_total",
              "Data frames dropped from the resend buffer while the hub did not acknowledge them."),
          Map.entry("agent_buffered_frames", "Data frames waiting for the hub's acknowledgement."),
          Map.entry("agent_hub_connected", "1 while the agent streams to the hub, else 0."),
          Map.entry("gpu_info", "Identity of each GPU; the value is always 1."),
          Map.entry("gpu_xid_errors_total", "XID errors reported by NVML, per XID code."),
          Map.entry("gpu_compute_processes", "Compute processes running on the GPU."),
          Map.entry("gpu_mig_mode", "1 when MIG mode is enabled on the GPU."),
          Map.entry("gpu_mig_memory_used_bytes", "Memory used by the MIG instance in bytes."),
          Map.entry("gpu_mig_memory_total_bytes", "Memory of the MIG instance in bytes."),
          Map.entry("gpu_stale",
              "1 when the GPU's last NVML call timed out or the GPU is lost; its values are old."));

  private OwnHelp() {}

  static String help(String internal) {
    String h = BY_INTERNAL.get(internal);
    return h != null ? h : "clusterwatch agent series " + internal + ".";
  }
}
