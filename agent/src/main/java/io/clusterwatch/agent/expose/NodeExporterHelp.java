package io.clusterwatch.agent.expose;

import java.util.HashMap;
import java.util.Map;

/**
 * node_exporter's HELP texts for the host families we share, copied from node_exporter's own
 * expected output ({@code collector/fixtures/e2e-output.txt}, prometheus/node_exporter, Apache-2.0)
 * so that both exporters describe a family the same way. Memory and network families follow
 * node_exporter's generated patterns.
 */
final class NodeExporterHelp {
  private static final String[] TABLE = {
    "cpu_guest_seconds_total", "Seconds the CPUs spent in guests (VMs) for each mode.",
    "cpu_seconds_total", "Seconds the CPUs spent in each mode.",
    "disk_discard_time_seconds_total", "This is the total number of seconds spent by all discards.",
    "disk_discarded_sectors_total", "The total number of sectors discarded successfully.",
    "disk_discards_completed_total", "The total number of discards completed successfully.",
    "disk_discards_merged_total", "The total number of discards merged.",
    "disk_flush_requests_time_seconds_total",
        "This is the total number of seconds spent by all flush requests.",
    "disk_flush_requests_total", "The total number of flush requests completed successfully",
    "disk_io_now", "The number of I/Os currently in progress.",
    "disk_io_time_seconds_total", "Total seconds spent doing I/Os.",
    "disk_io_time_weighted_seconds_total", "The weighted # of seconds spent doing I/Os.",
    "disk_read_bytes_total", "The total number of bytes read successfully.",
    "disk_read_time_seconds_total", "The total number of seconds spent by all reads.",
    "disk_reads_completed_total", "The total number of reads completed successfully.",
    "disk_reads_merged_total", "The total number of reads merged.",
    "disk_write_time_seconds_total", "This is the total number of seconds spent by all writes.",
    "disk_writes_completed_total", "The total number of writes completed successfully.",
    "disk_writes_merged_total", "The number of writes merged.",
    "disk_written_bytes_total", "The total number of bytes written successfully.",
    "infiniband_info", "Non-numeric data from /sys/class/infiniband/<device>, value is always 1.",
    "infiniband_legacy_multicast_packets_received_total", "Number of multicast packets received",
    "infiniband_legacy_multicast_packets_transmitted_total",
        "Number of multicast packets transmitted",
    "infiniband_legacy_packets_received_total", "Number of data packets received on all links",
    "infiniband_legacy_packets_transmitted_total", "Number of data packets received on all links",
    "infiniband_legacy_unicast_packets_received_total", "Number of unicast packets received",
    "infiniband_legacy_unicast_packets_transmitted_total", "Number of unicast packets transmitted",
    "infiniband_link_downed_total",
        "Number of times the link failed to recover from an error state and went down",
    "infiniband_link_error_recovery_total",
        "Number of times the link successfully recovered from an error state",
    "infiniband_multicast_packets_received_total",
        "Number of multicast packets received (including errors)",
    "infiniband_multicast_packets_transmitted_total",
        "Number of multicast packets transmitted (including errors)",
    "infiniband_physical_state_id",
        "Physical state of the InfiniBand port (0: no change, 1: sleep, 2: polling, 3: disable, 4: shift, 5: link up, 6: link error recover, 7: phytest)",
    "infiniband_port_constraint_errors_received_total",
        "Number of packets received on the switch physical port that are discarded",
    "infiniband_port_constraint_errors_transmitted_total",
        "Number of packets not transmitted from the switch physical port",
    "infiniband_port_discards_received_total",
        "Number of inbound packets discarded by the port because the port is down or congested",
    "infiniband_port_discards_transmitted_total",
        "Number of outbound packets discarded by the port because the port is down or congested",
    "infiniband_port_errors_received_total",
        "Number of packets containing an error that were received on this port",
    "infiniband_port_packets_received_total",
        "Number of packets received on all VLs by this port (including errors)",
    "infiniband_port_packets_transmitted_total",
        "Number of packets transmitted on all VLs from this port (including errors)",
    "infiniband_port_transmit_wait_total",
        "Number of ticks during which the port had data to transmit but no data was sent during the entire tick",
    "infiniband_rate_bytes_per_second", "Maximum signal transfer rate",
    "infiniband_state_id",
        "State of the InfiniBand port (0: no change, 1: down, 2: init, 3: armed, 4: active, 5: act defer)",
    "infiniband_unicast_packets_received_total",
        "Number of unicast packets received (including errors)",
    "infiniband_unicast_packets_transmitted_total",
        "Number of unicast packets transmitted (including errors)",
    "pressure_cpu_waiting_seconds_total",
        "Total time in seconds that processes have waited for CPU time",
    "pressure_io_stalled_seconds_total",
        "Total time in seconds no process could make progress due to IO congestion",
    "pressure_io_waiting_seconds_total",
        "Total time in seconds that processes have waited due to IO congestion",
    "pressure_memory_stalled_seconds_total",
        "Total time in seconds no process could make progress due to memory congestion",
    "pressure_memory_waiting_seconds_total",
        "Total time in seconds that processes have waited for memory",
  };
  private static final Map<String, String> BY_NAME = index();

  private NodeExporterHelp() {}

  private static Map<String, String> index() {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < TABLE.length; i += 2) {
      map.put(TABLE[i], TABLE[i + 1]);
    }
    return Map.copyOf(map);
  }

  /** HELP for {@code node_<internal>}, as node_exporter writes it. */
  static String help(String internal) {
    String known = BY_NAME.get(internal);
    if (known != null) {
      return known;
    }
    if (internal.startsWith("memory_")) {
      // node_exporter meminfo: "Memory information field <Field>_bytes."
      return "Memory information field " + internal.substring("memory_".length()) + ".";
    }
    if (internal.startsWith("network_")) {
      // node_exporter netdev: "Network device statistic <stat>." (the name without _total)
      String stat = internal.substring("network_".length());
      if (stat.endsWith("_total")) {
        stat = stat.substring(0, stat.length() - "_total".length());
      }
      return "Network device statistic " + stat + ".";
    }
    return "node_exporter compatible series " + internal + ".";
  }
}
