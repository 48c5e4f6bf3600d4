package io.clusterwatch.simulator.cluster;

import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.Sample;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One ConnectX-7 port at 400 Gb/s NDR as {@code /sys/class/infiniband/<dev>/ports/<n>} shows it:
 * {@code port_rcv_data}/{@code port_xmit_data} count 4-byte words (scale 4), the 64-bit extended
 * data and packet counters, and the narrow PortCounters error fields, which saturate at their
 * width. A degrading port (a bad cable or transceiver) collects symbol errors in bursts, receive
 * errors and the odd link error recovery, while its link stays up.
 */
final class SimulatedIbPort {
  private static final double MTU_BYTES = 4096;

  private final Labels labels;
  private final Labels deviceInfoLabels;
  private final Labels portInfoLabels;
  private final boolean degrading;
  private final SimCounter rxWords;
  private final SimCounter txWords;
  private final SimCounter rxPackets;
  private final SimCounter txPackets;
  private final SimCounter symbolErrors;
  private final SimCounter linkErrorRecovery;
  private final SimCounter linkDowned;
  private final SimCounter rcvErrors;
  private final SimCounter xmitDiscards;

  SimulatedIbPort(
      NodeHardware.IbPort port, boolean degrading, double uptimeSeconds, SplittableRandom rng) {
    String portNumber = Integer.toString(port.port());
    labels = Labels.of("device", port.device(), "port", portNumber);
    // Each ConnectX-7 HCA of an HGX node is its own single-port device, so the port also
    // reports its device's info.
    deviceInfoLabels =
        Labels.of(
            "device",
            port.device(),
            "board_id",
            "MT_0000000838",
            "firmware_version",
            "28.39.2048",
            "hca_type",
            "MT4129");
    portInfoLabels = labels.with("link_layer", "InfiniBand");
    this.degrading = degrading;
    double bytes = uptimeSeconds * 3e9 * (0.5 + rng.nextDouble());
    rxWords = SimCounter.startingAt(bytes / 4);
    txWords = SimCounter.startingAt(bytes / 4 * (0.9 + 0.2 * rng.nextDouble()));
    rxPackets = SimCounter.startingAt(bytes / MTU_BYTES);
    txPackets = SimCounter.startingAt(bytes / MTU_BYTES);
    symbolErrors = SimCounter.saturating(rng.nextInt(3), 16);
    linkErrorRecovery = SimCounter.saturating(0, 8);
    linkDowned = SimCounter.saturating(rng.nextInt(2), 8);
    rcvErrors = SimCounter.saturating(0, 16);
    xmitDiscards = SimCounter.saturating(rng.nextInt(5), 16);
  }

  void sample(
      double dtSeconds,
      double rxBytesPerSecond,
      double txBytesPerSecond,
      SplittableRandom rng,
      List<Sample> out) {
    double line = NodeHardware.NDR_RATE_BYTES_PER_SECOND;
    double rx = Math.min(Math.max(0, rxBytesPerSecond), line) * dtSeconds;
    double tx = Math.min(Math.max(0, txBytesPerSecond), line) * dtSeconds;
    rxWords.add(rx / 4);
    txWords.add(tx / 4);
    rxPackets.add(rx / MTU_BYTES);
    txPackets.add(tx / MTU_BYTES);
    if (degrading) {
      if (rng.nextDouble() < Math.min(1, 0.4 * dtSeconds)) {
        symbolErrors.add(1 + rng.nextInt(8));
      }
      if (rng.nextDouble() < Math.min(1, 0.15 * dtSeconds)) {
        rcvErrors.add(1);
      }
      if (rng.nextDouble() < Math.min(1, 0.004 * dtSeconds)) {
        linkErrorRecovery.add(1);
      }
    }
    out.add(Sample.gauge("infiniband_info", deviceInfoLabels, 1));
    out.add(Sample.gauge("infiniband_port_info", portInfoLabels, 1));
    out.add(Sample.gauge("infiniband_state_id", labels, 4));
    out.add(Sample.gauge("infiniband_physical_state_id", labels, 5));
    out.add(Sample.gauge("infiniband_rate_bytes_per_second", labels, line));
    out.add(Sample.counter("infiniband_port_data_received_bytes_total", labels, rxWords.raw(), 4));
    out.add(
        Sample.counter("infiniband_port_data_transmitted_bytes_total", labels, txWords.raw(), 4));
    out.add(Sample.counter("infiniband_port_packets_received_total", labels, rxPackets.raw()));
    out.add(Sample.counter("infiniband_port_packets_transmitted_total", labels, txPackets.raw()));
    out.add(Sample.counter("infiniband_symbol_error_total", labels, symbolErrors.raw()));
    out.add(
        Sample.counter("infiniband_link_error_recovery_total", labels, linkErrorRecovery.raw()));
    out.add(Sample.counter("infiniband_link_downed_total", labels, linkDowned.raw()));
    out.add(Sample.counter("infiniband_port_errors_received_total", labels, rcvErrors.raw()));
    out.add(
        Sample.counter("infiniband_port_discards_transmitted_total", labels, xmitDiscards.raw()));
  }
}
