package io.clusterwatch.hub.bench;

import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.MetricType;
import io.clusterwatch.protocol.SeriesDescriptor;
import io.clusterwatch.protocol.SeriesTable;
import java.util.ArrayList;
import java.util.List;

/**
 * The series table of a typical 8-GPU node (200 series) and deterministic values for it: 48 GPU
 * series (6 per GPU), 24 InfiniBand counters (4 ports), 32 disk counters (8 disks), 16 network
 * counters (4 interfaces) and 80 CPU-time counters (10 CPUs x 8 modes). Gauges wander, counters
 * grow at different rates, so no value repeats in a way a store could exploit.
 */
final class SyntheticNode {
  static final int SERIES = 200;
  static final List<String> GPU_METRICS =
      List.of(
          "gpu_utilization_ratio",
          "gpu_memory_used_bytes",
          "gpu_power_watts",
          "gpu_temperature_celsius",
          "gpu_sm_clock_hertz",
          "gpu_energy_joules_total");
  static final List<String> HOST_PANEL_METRICS =
      List.of(
          "infiniband_port_data_received_bytes_total",
          "infiniband_port_data_transmitted_bytes_total",
          "node_disk_read_bytes_total",
          "node_disk_written_bytes_total");

  final SeriesTable table;
  private final boolean[] counter;
  private final int seed;

  SyntheticNode(int seed) {
    this.seed = seed;
    List<SeriesDescriptor> series = new ArrayList<>(SERIES);
    for (int g = 0; g < 8; g++) {
      Labels gpu = Labels.of("gpu", Integer.toString(g), "gpu_uuid", "GPU-" + seed + "-" + g);
      for (String metric : GPU_METRICS) {
        boolean isCounter = metric.endsWith("_total");
        series.add(
            SeriesDescriptor.of(
                metric,
                gpu,
                isCounter ? MetricType.COUNTER : MetricType.GAUGE,
                isCounter ? 0.001 : 1));
      }
    }
    for (int p = 1; p <= 4; p++) {
      Labels port = Labels.of("device", "mlx5_" + (p - 1), "port", "1");
      for (String metric :
          List.of(
              "infiniband_port_data_received_bytes_total",
              "infiniband_port_data_transmitted_bytes_total",
              "infiniband_port_packets_received_total",
              "infiniband_port_packets_transmitted_total",
              "infiniband_symbol_error_total",
              "infiniband_link_downed_total")) {
        series.add(SeriesDescriptor.of(metric, port, MetricType.COUNTER));
      }
    }
    for (int d = 0; d < 8; d++) {
      Labels disk = Labels.of("device", "nvme" + d + "n1");
      series.add(SeriesDescriptor.of("node_disk_read_bytes_total", disk, MetricType.COUNTER));
      series.add(SeriesDescriptor.of("node_disk_written_bytes_total", disk, MetricType.COUNTER));
      series.add(
          SeriesDescriptor.of("node_disk_io_time_seconds_total", disk, MetricType.COUNTER, 0.001));
      series.add(SeriesDescriptor.of("node_disk_reads_completed_total", disk, MetricType.COUNTER));
    }
    for (int n = 0; n < 4; n++) {
      Labels nic = Labels.of("device", "eth" + n);
      series.add(SeriesDescriptor.of("node_network_receive_bytes_total", nic, MetricType.COUNTER));
      series.add(SeriesDescriptor.of("node_network_transmit_bytes_total", nic, MetricType.COUNTER));
      series.add(
          SeriesDescriptor.of("node_network_receive_packets_total", nic, MetricType.COUNTER));
      series.add(
          SeriesDescriptor.of("node_network_transmit_packets_total", nic, MetricType.COUNTER));
    }
    String[] modes = {"user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal"};
    for (int c = 0; c < 10; c++) {
      for (String mode : modes) {
        series.add(
            SeriesDescriptor.of(
                "node_cpu_seconds_total",
                Labels.of("cpu", Integer.toString(c), "mode", mode),
                MetricType.COUNTER,
                0.01));
      }
    }
    this.table = new SeriesTable(1, series);
    this.counter = new boolean[SERIES];
    for (int i = 0; i < SERIES; i++) {
      counter[i] = table.get(i).type() == MetricType.COUNTER;
    }
  }

  /** The wire bits of series {@code i} at tick {@code t}: u64 for counters, f64 for gauges. */
  long bits(int i, long t) {
    long mix = t * 31 + (long) i * 17 + seed;
    if (counter[i]) {
      // monotonic: grows by at least 1000 + 37 i per tick, with a wobble below that
      return t * (1_000 + 37L * i) + (mix * mix) % 997;
    }
    double v = 40.0 + (mix % 613) / 10.0 + i;
    return Double.doubleToRawLongBits(v);
  }
}
