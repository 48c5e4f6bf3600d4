package io.clusterwatch.hub.bench;

import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.MetricType;
import io.clusterwatch.protocol.SeriesDescriptor;
import io.clusterwatch.protocol.SeriesTable;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A DGX-class node as the agent reports it (2,040 series): 8 GPUs x 20 series, 224 CPU threads x 8
 * modes, 8 InfiniBand ports x 4 counters, 8 NVMe disks x 4 counters, 4 NICs x 4 counters and 16
 * memory gauges. Values follow the simulator's shapes (the agent's {@code simulate} package): a job
 * holds the GPUs busy or idle for minutes at a time, utilisation in whole percent, temperature in
 * whole degrees, SM clock in 15 MHz steps, power in mW; CPU counters in USER_HZ ticks with busy
 * threads on user time and idle ones on idle; rarely moving counters (steal, errors) flat.
 */
final class DgxNode {
  static final int GPUS = 8;
  static final int CPUS = 224;
  private static final String[] MODES = {
    "user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal"
  };

  final SeriesTable table;
  private final int size;
  private final long[] counters;
  private final SplittableRandom rng;
  private double util;
  private long phaseEnds;

  DgxNode(int seed) {
    List<SeriesDescriptor> s = new ArrayList<>();
    for (int g = 0; g < GPUS; g++) {
      Labels l = Labels.of("gpu", Integer.toString(g), "gpu_uuid", "GPU-" + seed + "-" + g);
      for (String m :
          List.of(
              "gpu_utilization_ratio",
              "gpu_memory_utilization_ratio",
              "gpu_memory_used_bytes",
              "gpu_memory_total_bytes",
              "gpu_power_watts",
              "gpu_power_limit_watts",
              "gpu_temperature_celsius",
              "gpu_memory_temperature_celsius",
              "gpu_sm_clock_hertz",
              "gpu_memory_clock_hertz",
              "gpu_pcie_rx_bytes_per_second",
              "gpu_pcie_tx_bytes_per_second",
              "gpu_fan_speed_ratio",
              "gpu_clock_throttle_reasons",
              "gpu_processes")) {
        s.add(SeriesDescriptor.of(m, l, MetricType.GAUGE));
      }
      for (String m :
          List.of(
              "gpu_energy_joules_total",
              "gpu_ecc_errors_corrected_total",
              "gpu_ecc_errors_uncorrected_total",
              "gpu_xid_errors_total",
              "gpu_nvlink_bytes_total")) {
        s.add(
            SeriesDescriptor.of(m, l, MetricType.COUNTER, m.startsWith("gpu_energy") ? 0.001 : 1));
      }
    }
    for (int c = 0; c < CPUS; c++) {
      for (String mode : MODES) {
        s.add(
            SeriesDescriptor.of(
                "node_cpu_seconds_total",
                Labels.of("cpu", Integer.toString(c), "mode", mode),
                MetricType.COUNTER,
                0.01));
      }
    }
    for (int p = 0; p < 8; p++) {
      Labels l = Labels.of("device", "mlx5_" + p, "port", "1");
      for (String m :
          List.of(
              "infiniband_port_data_received_bytes_total",
              "infiniband_port_data_transmitted_bytes_total",
              "infiniband_port_packets_received_total",
              "infiniband_symbol_error_total")) {
        s.add(SeriesDescriptor.of(m, l, MetricType.COUNTER));
      }
    }
    for (int d = 0; d < 8; d++) {
      Labels l = Labels.of("device", "nvme" + d + "n1");
      for (String m :
          List.of(
              "node_disk_read_bytes_total",
              "node_disk_written_bytes_total",
              "node_disk_reads_completed_total",
              "node_disk_writes_completed_total")) {
        s.add(SeriesDescriptor.of(m, l, MetricType.COUNTER));
      }
    }
    for (int n = 0; n < 4; n++) {
      Labels l = Labels.of("device", "eth" + n);
      for (String m :
          List.of(
              "node_network_receive_bytes_total",
              "node_network_transmit_bytes_total",
              "node_network_receive_packets_total",
              "node_network_transmit_packets_total")) {
        s.add(SeriesDescriptor.of(m, l, MetricType.COUNTER));
      }
    }
    for (String m :
        List.of(
            "node_memory_MemTotal_bytes",
            "node_memory_MemAvailable_bytes",
            "node_memory_MemFree_bytes",
            "node_memory_Cached_bytes",
            "node_memory_Buffers_bytes",
            "node_memory_Dirty_bytes",
            "node_memory_Shmem_bytes",
            "node_memory_SwapTotal_bytes",
            "node_memory_SwapFree_bytes",
            "node_load1",
            "node_load5",
            "node_load15",
            "node_procs_running",
            "node_procs_blocked",
            "node_filefd_allocated",
            "node_boot_time_seconds")) {
      s.add(SeriesDescriptor.of(m, Labels.EMPTY, MetricType.GAUGE));
    }
    table = new SeriesTable(1, s);
    size = s.size();
    counters = new long[size];
    rng = new SplittableRandom(seed);
  }

  int size() {
    return size;
  }

  /** Fills {@code bits} with the wire values of every series at second {@code t}. */
  void tick(long t, long[] bits) {
    out = bits;
    if (t >= phaseEnds) { // a job phase: busy or idle for 5 to 60 minutes
      util = rng.nextInt(3) == 0 ? 0 : 0.6 + rng.nextDouble() * 0.4;
      phaseEnds = t + 300 + rng.nextInt(3_300);
    }
    int i = 0;
    for (int g = 0; g < GPUS; g++) {
      double u = util == 0 ? 0 : Math.min(1, Math.max(0, util + (rng.nextDouble() - 0.5) * 0.1));
      double power = u == 0 ? 68 : 90 + 610 * u + rng.nextDouble() * 5;
      bits[i++] = d(Math.round(u * 100) / 100.0);
      bits[i++] = d(Math.round(u * 0.7 * 100) / 100.0);
      bits[i++] = d(u == 0 ? 0 : 60L * 1024 * 1024 * 1024 + rng.nextInt(64) * 1024L * 1024);
      bits[i++] = d(80L * 1024 * 1024 * 1024);
      bits[i++] = d(Math.round(power * 1000) / 1000.0);
      bits[i++] = d(700);
      bits[i++] = d(Math.round(30 + 0.062 * power));
      bits[i++] = d(Math.round(34 + 0.07 * power));
      bits[i++] = d(u == 0 ? 345e6 : Math.round(1980 * (0.9 + 0.1 * rng.nextDouble()) / 15) * 15e6);
      bits[i++] = d(2619e6);
      bits[i++] = d(u == 0 ? 0 : Math.round(rng.nextDouble() * 2e9));
      bits[i++] = d(u == 0 ? 0 : Math.round(rng.nextDouble() * 1e9));
      bits[i++] = d(0);
      bits[i++] = d(u > 0.95 ? 4 : 0);
      bits[i++] = d(u == 0 ? 0 : 1);
      i = counter(i, Math.round(power * 1000));
      i = counter(i, 0);
      i = counter(i, 0);
      i = counter(i, 0);
      i = counter(i, u == 0 ? 0 : 20_000_000_000L + rng.nextInt(1_000_000_000));
    }
    for (int c = 0; c < CPUS; c++) {
      boolean busy = util > 0 && c < 64;
      int user = busy ? 90 + rng.nextInt(8) : rng.nextInt(100) < 3 ? 1 : 0;
      int system = busy ? 100 - user - 1 : rng.nextInt(100) < 2 ? 1 : 0;
      i = counter(i, user);
      i = counter(i, 0);
      i = counter(i, system);
      i = counter(i, 100 - user - system - (busy ? 1 : 0));
      i = counter(i, busy ? 1 : 0);
      i = counter(i, rng.nextInt(100) < 1 ? 1 : 0);
      i = counter(i, busy && rng.nextBoolean() ? 1 : 0);
      i = counter(i, 0);
    }
    for (int p = 0; p < 8; p++) {
      long bytes = util == 0 ? rng.nextInt(4_096) : 3_000_000_000L + rng.nextInt(500_000_000);
      i = counter(i, bytes);
      i = counter(i, bytes + rng.nextInt(1_000));
      i = counter(i, bytes / 4_096);
      i = counter(i, 0);
    }
    for (int d = 0; d < 8; d++) {
      long read = rng.nextInt(10) == 0 ? rng.nextInt(50_000_000) : 0;
      long written = rng.nextInt(5) == 0 ? rng.nextInt(20_000_000) : 0;
      i = counter(i, read);
      i = counter(i, written);
      i = counter(i, read / 131_072);
      i = counter(i, written / 131_072);
    }
    for (int n = 0; n < 4; n++) {
      long bytes = n == 0 ? 10_000 + rng.nextInt(50_000) : 0;
      i = counter(i, bytes);
      i = counter(i, bytes / 2);
      i = counter(i, bytes / 1_000);
      i = counter(i, bytes / 2_000);
    }
    double used = util == 0 ? 40e9 : 900e9;
    for (double v :
        new double[] {
          2e12,
          2e12 - used,
          2e12 - used - 100e9,
          80e9,
          1e9,
          Math.round(rng.nextDouble() * 1e6),
          2e9,
          0,
          0,
          Math.round(util * 64 * 100) / 100.0,
          Math.round(util * 64 * 100) / 100.0,
          Math.round(util * 64 * 100) / 100.0,
          util == 0 ? 1 : 65,
          0,
          12_000 + (t / 600) % 50,
          1_767_000_000
        }) {
      bits[i++] = d(v);
    }
  }

  private long[] out;

  private int counter(int i, long increase) {
    counters[i] += increase;
    out[i] = counters[i];
    return i + 1;
  }

  private static long d(double v) {
    return Double.doubleToRawLongBits(v);
  }
}
