package io.clusterwatch.agent.infiniband;

import io.clusterwatch.agent.collect.Collector;
import io.clusterwatch.agent.host.HostPaths;
import io.clusterwatch.protocol.Sample;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Every device and port under {@code <sysfs>/class/infiniband}, named as node_exporter's {@code
 * infiniband} collector (labels {@code device}, {@code port}):
 *
 * <ul>
 *   <li>{@code infiniband_info{device,board_id,firmware_version,hca_type}} = 1;
 *   <li>per port: gauges {@code infiniband_state_id}, {@code infiniband_physical_state_id}, {@code
 *       infiniband_rate_bytes_per_second}, and our {@code infiniband_port_info{device,port,
 *       link_layer}} = 1 ({@code InfiniBand}, or {@code Ethernet} for RoCE, whose traffic the
 *       Ethernet interface also counts);
 *   <li>counters from {@code counters/}, {@code counters_ext/} (the {@code infiniband_legacy_*}
 *       families of pre-4.5 kernels, kept apart as node_exporter does) and {@code hw_counters/}
 *       (node_exporter's names for the mlx5 ones, {@code infiniband_hw_counter_total{counter}} for
 *       the others), see {@link IbCounterNames}.
 * </ul>
 *
 * <p>{@code port_rcv_data}/{@code port_xmit_data} (and their {@code _64} forms) travel as raw
 * 4-byte words with scale 4. On ports without the extended PMA counters these files are 32 bits
 * wide and saturate after 16 GiB; see {@link InfinibandParser} for saturated values. Device-level
 * {@code hw_counters/} and AWS EFA devices are not read.
 */
final class InfinibandCollector implements Collector {
  private final InfinibandReader reader;

  InfinibandCollector(HostPaths paths) {
    this.reader = new InfinibandReader(paths.sys("class", "infiniband"));
  }

  @Override
  public String name() {
    return InfinibandCollectorFactory.NAME;
  }

  @Override
  public List<Sample> collect() throws IOException {
    List<Sample> samples = new ArrayList<>();
    for (IbDeviceFiles device : reader.read()) {
      samples.addAll(InfinibandParser.samples(device));
    }
    return samples;
  }

  /** Releases the files the reader holds open. */
  @Override
  public void close() {
    reader.close();
  }
}
