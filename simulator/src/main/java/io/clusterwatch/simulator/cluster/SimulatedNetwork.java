package io.clusterwatch.simulator.cluster;

import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.Sample;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The management Ethernet port as {@code /proc/net/dev} reports it: bytes and packets in and out,
 * with background traffic (monitoring, SSH, package mirrors) under the jobs' own.
 */
final class SimulatedNetwork {
  private static final double RX_PACKET_BYTES = 900;
  private static final double TX_PACKET_BYTES = 600;

  /** ARP, IPv6 neighbour discovery and mDNS on a management VLAN. */
  private static final double MULTICAST_PER_SECOND = 3;

  private final Labels labels;
  private final SimCounter rxBytes;
  private final SimCounter txBytes;
  private final SimCounter rxPackets;
  private final SimCounter txPackets;
  private final SimCounter rxErrs = SimCounter.startingAt(0);
  private final SimCounter txErrs = SimCounter.startingAt(0);
  private final SimCounter rxDrop;
  private final SimCounter txDrop = SimCounter.startingAt(0);
  private final SimCounter rxMulticast;

  SimulatedNetwork(String device, double uptimeSeconds, SplittableRandom rng) {
    labels = Labels.of("device", device);
    double rx = uptimeSeconds * 2e6 * (0.5 + rng.nextDouble());
    double tx = rx * 0.4;
    rxBytes = SimCounter.startingAt(rx);
    txBytes = SimCounter.startingAt(tx);
    rxPackets = SimCounter.startingAt(rx / RX_PACKET_BYTES);
    txPackets = SimCounter.startingAt(tx / TX_PACKET_BYTES);
    rxDrop = SimCounter.startingAt(rng.nextInt(40));
    rxMulticast = SimCounter.startingAt(uptimeSeconds * MULTICAST_PER_SECOND);
  }

  void sample(double dtSeconds, NodeDemand demand, SplittableRandom rng, List<Sample> out) {
    double rx = (1.2e6 * (1 + 0.3 * rng.nextGaussian()) + demand.ethReceiveBytesPerSecond);
    double tx = (0.4e6 * (1 + 0.3 * rng.nextGaussian()) + demand.ethTransmitBytesPerSecond);
    rx = Math.max(0, rx) * dtSeconds;
    tx = Math.max(0, tx) * dtSeconds;
    rxBytes.add(rx);
    txBytes.add(tx);
    rxPackets.add(rx / RX_PACKET_BYTES);
    rxMulticast.add(MULTICAST_PER_SECOND * dtSeconds);
    txPackets.add(tx / TX_PACKET_BYTES);
    // The sixteen /proc/net/dev columns; a healthy link has no fifo, frame or carrier errors.
    out.add(Sample.counter("network_receive_bytes_total", labels, rxBytes.raw()));
    out.add(Sample.counter("network_receive_packets_total", labels, rxPackets.raw()));
    out.add(Sample.counter("network_receive_errs_total", labels, rxErrs.raw()));
    out.add(Sample.counter("network_receive_drop_total", labels, rxDrop.raw()));
    out.add(Sample.counter("network_receive_fifo_total", labels, 0));
    out.add(Sample.counter("network_receive_frame_total", labels, 0));
    out.add(Sample.counter("network_receive_compressed_total", labels, 0));
    out.add(Sample.counter("network_receive_multicast_total", labels, rxMulticast.raw()));
    out.add(Sample.counter("network_transmit_bytes_total", labels, txBytes.raw()));
    out.add(Sample.counter("network_transmit_packets_total", labels, txPackets.raw()));
    out.add(Sample.counter("network_transmit_errs_total", labels, txErrs.raw()));
    out.add(Sample.counter("network_transmit_drop_total", labels, txDrop.raw()));
    out.add(Sample.counter("network_transmit_fifo_total", labels, 0));
    out.add(Sample.counter("network_transmit_colls_total", labels, 0));
    out.add(Sample.counter("network_transmit_carrier_total", labels, 0));
    out.add(Sample.counter("network_transmit_compressed_total", labels, 0));
  }
}
