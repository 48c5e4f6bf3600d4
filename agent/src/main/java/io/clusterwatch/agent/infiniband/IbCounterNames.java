package io.clusterwatch.agent.infiniband;

import java.util.Map;

/**
 * sysfs file names to metrics, following node_exporter's {@code infiniband} collector (and procfs'
 * {@code class_infiniband.go} for which file feeds which field). Immutable tables.
 */
final class IbCounterNames {
  /** One 32-bit word: PMA PortXmitData/PortRcvData count octets divided by 4. */
  static final double WORD_BYTES = 4.0;

  /** {@code ports/<n>/counters/}: PMA PortCounters and PortCountersExtended. */
  static final Map<String, IbCounter> COUNTERS =
      Map.ofEntries(
          entry("port_rcv_data", "infiniband_port_data_received_bytes_total", WORD_BYTES),
          entry("port_xmit_data", "infiniband_port_data_transmitted_bytes_total", WORD_BYTES),
          entry("port_rcv_packets", "infiniband_port_packets_received_total", 1),
          entry("port_xmit_packets", "infiniband_port_packets_transmitted_total", 1),
          entry("unicast_rcv_packets", "infiniband_unicast_packets_received_total", 1),
          entry("unicast_xmit_packets", "infiniband_unicast_packets_transmitted_total", 1),
          entry("multicast_rcv_packets", "infiniband_multicast_packets_received_total", 1),
          entry("multicast_xmit_packets", "infiniband_multicast_packets_transmitted_total", 1),
          entry("port_rcv_errors", "infiniband_port_errors_received_total", 1),
          entry("port_rcv_discards", "infiniband_port_discards_received_total", 1),
          entry("port_xmit_discards", "infiniband_port_discards_transmitted_total", 1),
          entry(
              "port_rcv_constraint_errors", "infiniband_port_constraint_errors_received_total", 1),
          entry(
              "port_xmit_constraint_errors",
              "infiniband_port_constraint_errors_transmitted_total",
              1),
          entry("port_xmit_wait", "infiniband_port_transmit_wait_total", 1),
          entry("link_downed", "infiniband_link_downed_total", 1),
          entry("link_error_recovery", "infiniband_link_error_recovery_total", 1),
          entry("local_link_integrity_errors", "infiniband_local_link_integrity_errors_total", 1),
          entry(
              "excessive_buffer_overrun_errors",
              "infiniband_excessive_buffer_overrun_errors_total",
              1),
          entry(
              "port_rcv_remote_physical_errors",
              "infiniband_port_receive_remote_physical_errors_total",
              1),
          entry(
              "port_rcv_switch_relay_errors",
              "infiniband_port_receive_switch_relay_errors_total",
              1),
          entry("symbol_error", "infiniband_symbol_error_total", 1),
          entry("VL15_dropped", "infiniband_vl15_dropped_total", 1));

  /** {@code ports/<n>/counters_ext/}: the 64-bit duplicates of kernels before 4.5 ("legacy"). */
  static final Map<String, IbCounter> COUNTERS_EXT =
      Map.ofEntries(
          entry("port_rcv_data_64", "infiniband_legacy_data_received_bytes_total", WORD_BYTES),
          entry("port_xmit_data_64", "infiniband_legacy_data_transmitted_bytes_total", WORD_BYTES),
          entry("port_rcv_packets_64", "infiniband_legacy_packets_received_total", 1),
          entry("port_xmit_packets_64", "infiniband_legacy_packets_transmitted_total", 1),
          entry("port_unicast_rcv_packets", "infiniband_legacy_unicast_packets_received_total", 1),
          entry(
              "port_unicast_xmit_packets",
              "infiniband_legacy_unicast_packets_transmitted_total",
              1),
          entry(
              "port_multicast_rcv_packets",
              "infiniband_legacy_multicast_packets_received_total",
              1),
          entry(
              "port_multicast_xmit_packets",
              "infiniband_legacy_multicast_packets_transmitted_total",
              1));

  /** {@code ports/<n>/hw_counters/} that node_exporter names (mlx5 RoCE/QP counters). */
  static final Map<String, IbCounter> HW_COUNTERS =
      Map.ofEntries(
          entry("duplicate_request", "infiniband_duplicate_requests_packets_total", 1),
          entry("implied_nak_seq_err", "infiniband_implied_nak_seq_errors_total", 1),
          entry("local_ack_timeout_err", "infiniband_local_ack_timeout_errors_total", 1),
          entry("np_cnp_sent", "infiniband_np_cnp_packets_sent_total", 1),
          entry(
              "np_ecn_marked_roce_packets",
              "infiniband_np_ecn_marked_roce_packets_received_total",
              1),
          entry("out_of_buffer", "infiniband_out_of_buffer_drops_total", 1),
          entry("out_of_sequence", "infiniband_out_of_sequence_packets_received_total", 1),
          entry("packet_seq_err", "infiniband_packet_sequence_errors_total", 1),
          entry("req_cqe_error", "infiniband_req_cqes_errors_total", 1),
          entry("req_cqe_flush_error", "infiniband_req_cqes_flush_errors_total", 1),
          entry("req_remote_access_errors", "infiniband_req_remote_access_errors_total", 1),
          entry(
              "req_remote_invalid_request",
              "infiniband_req_remote_invalid_request_errors_total",
              1),
          entry("resp_cqe_error", "infiniband_resp_cqes_errors_total", 1),
          entry("resp_cqe_flush_error", "infiniband_resp_cqes_flush_errors_total", 1),
          entry("resp_local_length_error", "infiniband_resp_local_length_errors_total", 1),
          entry("resp_remote_access_errors", "infiniband_resp_remote_access_errors_total", 1),
          entry("rnr_nak_retry_err", "infiniband_rnr_nak_retry_packets_received_total", 1),
          entry("roce_adp_retrans", "infiniband_roce_adp_retransmits_total", 1),
          entry("roce_adp_retrans_to", "infiniband_roce_adp_retransmits_timeout_total", 1),
          entry("roce_slow_restart", "infiniband_roce_slow_restart_used_total", 1),
          entry("roce_slow_restart_cnps", "infiniband_roce_slow_restart_cnps_total", 1),
          entry("roce_slow_restart_trans", "infiniband_roce_slow_restart_total", 1),
          entry("rp_cnp_handled", "infiniband_rp_cnp_packets_handled_total", 1),
          entry("rp_cnp_ignored", "infiniband_rp_cnp_ignored_packets_received_total", 1),
          entry("rx_atomic_requests", "infiniband_rx_atomic_requests_total", 1),
          entry("rx_dct_connect", "infiniband_rx_dct_connect_requests_total", 1),
          entry("rx_read_requests", "infiniband_rx_read_requests_total", 1),
          entry("rx_write_requests", "infiniband_rx_write_requests_total", 1),
          entry("rx_icrc_encapsulated", "infiniband_rx_icrc_encapsulated_errors_total", 1));

  /**
   * Our family for hw_counters node_exporter has no name for; label {@code counter} = file name.
   */
  static final String OTHER_HW_COUNTER = "infiniband_hw_counter_total";

  private IbCounterNames() {}

  /**
   * hw_counters files that are not event counts: {@code lifespan} is the kernel's cache time for
   * the other files (ms), {@code active_*} (bnxt_re) are current object counts. They are not sent
   * as counters. (node_exporter sends lifespan as {@code lifespan_seconds} after integer-dividing
   * the ms by 1000, which reads 0 for the default 10 ms; it is left out here.)
   */
  static boolean isNotACounter(String hwCounterFile) {
    return hwCounterFile.equals("lifespan") || hwCounterFile.startsWith("active_");
  }

  private static Map.Entry<String, IbCounter> entry(String file, String metric, double scale) {
    return Map.entry(file, new IbCounter(metric, scale));
  }
}
