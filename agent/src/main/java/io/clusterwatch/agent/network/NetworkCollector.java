package io.clusterwatch.agent.network;

import io.clusterwatch.agent.collect.Collector;
import io.clusterwatch.agent.collect.DeviceFilter;
import io.clusterwatch.agent.host.HostPaths;
import io.clusterwatch.agent.host.KeptOpenProcFile;
import io.clusterwatch.agent.host.TickCache;
import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.Sample;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Interface counters from {@code /proc/net/dev}, named as node_exporter's {@code netdev} collector
 * ({@code network_receive_bytes_total{device}}, ...), every one a counter with scale 1 (bytes,
 * packets, or errors). Kernel meaning of the compound ones: receive drop is rx_dropped plus
 * rx_missed_errors, receive frame is length+over+crc+frame errors, transmit carrier is
 * carrier+aborted+window+heartbeat errors. Interfaces are kept by {@link DeviceFilter}.
 *
 * <p>{@code /proc/net/dev} shows the agent's network namespace: run the agent in the host's network
 * namespace to see the node's interfaces.
 */
final class NetworkCollector implements Collector {
  private static final String[] METRICS = {
    "network_receive_bytes_total",
    "network_receive_packets_total",
    "network_receive_errs_total",
    "network_receive_drop_total",
    "network_receive_fifo_total",
    "network_receive_frame_total",
    "network_receive_compressed_total",
    "network_receive_multicast_total",
    "network_transmit_bytes_total",
    "network_transmit_packets_total",
    "network_transmit_errs_total",
    "network_transmit_drop_total",
    "network_transmit_fifo_total",
    "network_transmit_colls_total",
    "network_transmit_carrier_total",
    "network_transmit_compressed_total",
  };

  private final KeptOpenProcFile netDev;
  private final DeviceFilter filter;
  private final TickCache<String, Labels> deviceLabels = new TickCache<>();

  NetworkCollector(HostPaths paths, DeviceFilter filter) {
    this.netDev = new KeptOpenProcFile(paths.proc("net", "dev"));
    this.filter = filter;
  }

  @Override
  public String name() {
    return NetworkCollectorFactory.NAME;
  }

  @Override
  public List<Sample> collect() throws IOException {
    List<NetDevLine> lines = NetDevParser.parse(netDev.read(), netDev.path().toString());
    List<Sample> samples = new ArrayList<>(lines.size() * NetDevParser.COUNTERS);
    for (NetDevLine line : lines) {
      if (!filter.accepts(line.device())) {
        continue;
      }
      Labels device = deviceLabels.get(line.device(), d -> Labels.of("device", d));
      for (int c = 0; c < NetDevParser.COUNTERS; c++) {
        samples.add(Sample.counter(METRICS[c], device, line.counter(c)));
      }
    }
    deviceLabels.endCollection();
    return samples;
  }

  /** Releases the file kept open. */
  @Override
  public void close() {
    netDev.close();
  }
}
