package io.clusterwatch.e2e.browser;

import io.clusterwatch.hub.store.HostAppender;
import io.clusterwatch.hub.store.SampleStore;
import io.clusterwatch.protocol.DataFrameCodec;
import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.MetricType;
import io.clusterwatch.protocol.SeriesDescriptor;
import io.clusterwatch.protocol.SeriesTable;
import io.clusterwatch.protocol.message.JobInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * History for the page-load benchmark, written straight into a hub's store through the same
 * appender the ingest path uses: one GPU node (8 GPUs, 2 IB ports, 2 NVMe disks, 32 CPUs) ticking
 * every second. Gauges travel as doubles, counters as raw integers with the agent's scales (CPU in
 * USER_HZ ticks at 0.01 s, disk time in ms at 0.001 s), so the hub derives rates as it does for
 * agents. Values are smooth waves, different per GPU, so every chart has something to draw.
 */
final class SyntheticHistory {
  static final int GPUS = 8;
  static final int CPUS = 32;
  private static final String[] IB_DEVICES = {"mlx5_0", "mlx5_1"};
  private static final String[] DISKS = {"nvme0n1", "nvme1n1"};

  private final String host;
  private final int nodeIndex;
  private final SeriesTable table;
  private final boolean profiling;
  private final List<String> cgroupJobs;

  SyntheticHistory(String host, int nodeIndex) {
    this(host, nodeIndex, false);
  }

  /**
   * @param profiling true for GPUs with NVML GPM: SM and tensor activity per GPU as well
   */
  SyntheticHistory(String host, int nodeIndex, boolean profiling) {
    this(host, nodeIndex, profiling, List.of());
  }

  /**
   * @param cgroupJobs jobs whose cgroup the agent reads (collector job_cgroups): each gets the
   *     per-job series labelled {@code job_id}, with CPU in microseconds (scale 1e-6) as on cgroup
   *     v2
   */
  SyntheticHistory(String host, int nodeIndex, boolean profiling, List<String> cgroupJobs) {
    this.host = host;
    this.nodeIndex = nodeIndex;
    this.profiling = profiling;
    this.cgroupJobs = List.copyOf(cgroupJobs);
    List<SeriesDescriptor> s = new ArrayList<>();
    for (int g = 0; g < GPUS; g++) {
      Labels l =
          Labels.of(
              "gpu",
              String.valueOf(g),
              "gpu_uuid",
              gpuUuid(host, g),
              "pci_bus_id",
              String.format("00000000:%02X:00.0", 0x18 + g));
      s.add(SeriesDescriptor.of("gpu_utilization_ratio", l, MetricType.GAUGE));
      s.add(SeriesDescriptor.of("gpu_memory_used_bytes", l, MetricType.GAUGE));
      s.add(SeriesDescriptor.of("gpu_memory_total_bytes", l, MetricType.GAUGE));
      s.add(SeriesDescriptor.of("gpu_power_watts", l, MetricType.GAUGE));
      s.add(SeriesDescriptor.of("gpu_temperature_celsius", l, MetricType.GAUGE));
      if (profiling) {
        s.add(SeriesDescriptor.of("gpu_sm_active_ratio", l, MetricType.GAUGE));
        s.add(SeriesDescriptor.of("gpu_tensor_active_ratio", l, MetricType.GAUGE));
      }
    }
    for (String dev : IB_DEVICES) {
      Labels l = Labels.of("device", dev, "port", "1");
      s.add(
          SeriesDescriptor.of("infiniband_port_data_received_bytes_total", l, MetricType.COUNTER));
      s.add(
          SeriesDescriptor.of(
              "infiniband_port_data_transmitted_bytes_total", l, MetricType.COUNTER));
    }
    for (String disk : DISKS) {
      Labels l = Labels.of("device", disk);
      s.add(SeriesDescriptor.of("disk_read_bytes_total", l, MetricType.COUNTER));
      s.add(SeriesDescriptor.of("disk_written_bytes_total", l, MetricType.COUNTER));
      s.add(SeriesDescriptor.of("disk_io_time_seconds_total", l, MetricType.COUNTER, 0.001));
    }
    for (int c = 0; c < CPUS; c++) {
      s.add(
          SeriesDescriptor.of(
              "cpu_seconds_total",
              Labels.of("cpu", String.valueOf(c), "mode", "idle"),
              MetricType.COUNTER,
              0.01));
    }
    s.add(SeriesDescriptor.of("memory_MemTotal_bytes", Labels.EMPTY, MetricType.GAUGE));
    s.add(SeriesDescriptor.of("memory_MemAvailable_bytes", Labels.EMPTY, MetricType.GAUGE));
    for (String job : this.cgroupJobs) {
      Labels l = Labels.of("job_id", job);
      s.add(
          SeriesDescriptor.of(
              "job_cpu_seconds_total", l.with("mode", "user"), MetricType.COUNTER, 1e-6));
      s.add(
          SeriesDescriptor.of(
              "job_cpu_seconds_total", l.with("mode", "system"), MetricType.COUNTER, 1e-6));
      s.add(SeriesDescriptor.of("job_memory_bytes", l, MetricType.GAUGE));
      s.add(
          SeriesDescriptor.of(
              "job_disk_read_bytes_total", l.with("device", DISKS[0]), MetricType.COUNTER));
      s.add(
          SeriesDescriptor.of(
              "job_disk_written_bytes_total", l.with("device", DISKS[0]), MetricType.COUNTER));
      s.add(
          SeriesDescriptor.of(
              "job_pressure_io_waiting_seconds_total", l, MetricType.COUNTER, 1e-6));
    }
    table = new SeriesTable(1, s);
  }

  static String gpuUuid(String host, int gpu) {
    return String.format("GPU-%08x-0000-4000-8000-%012d", Math.abs(host.hashCode()), gpu);
  }

  List<String> gpuUuids() {
    List<String> out = new ArrayList<>();
    for (int g = 0; g < GPUS; g++) {
      out.add(gpuUuid(host, g));
    }
    return out;
  }

  /** Writes one tick per {@code stepMs} over {@code [fromMs, toMs]}. */
  /**
   * Fills {@code hub}'s store with this node's history, a tick a second from {@code fromMs} to
   * {@code toMs}, and pins static job {@code jobId} of user ada, named {@code jobName}, to all of
   * the node's GPUs from {@code fromMs}: one job that ran for the whole history.
   */
  void fillAsJob(HubUnderTest hub, String jobId, String jobName, long fromMs, long toMs) {
    fill(hub.services().store(), fromMs, toMs, 1000);
    hub.services()
        .jobs()
        .pinned(
            host,
            new JobInfo(jobId, "ada", jobName, gpuUuids(), fromMs, "static", Map.of()),
            fromMs);
  }

  void fill(SampleStore store, long fromMs, long toMs, long stepMs) {
    HostAppender appender = store.appender(host, table);
    long[] counters = new long[table.size()];
    for (long t = fromMs; t <= toMs; t += stepMs) {
      DataFrameCodec.ValueVisitor v = appender.begin(t);
      if (v == null) {
        continue;
      }
      double minute = t / 60_000.0;
      int i = 0;
      for (int g = 0; g < GPUS; g++) {
        double util = 0.55 + 0.4 * Math.sin(minute / 7 + g + nodeIndex);
        v.value(i++, bits(util));
        v.value(i++, bits(40e9 + 30e9 * util));
        v.value(i++, bits(85_899_345_920.0));
        v.value(i++, bits(90 + 600 * util));
        v.value(i++, bits(35 + 40 * util));
        if (profiling) {
          v.value(i++, bits(0.7 * util));
          v.value(i++, bits(0.4 * util));
        }
      }
      double wave = 0.5 + 0.5 * Math.sin(minute / 3 + nodeIndex);
      for (int p = 0; p < IB_DEVICES.length * 2; p++) {
        counters[i] += (long) (stepMs / 1000.0 * 20e9 * wave * (p % 2 == 0 ? 1 : 0.8));
        v.value(i, counters[i]);
        i++;
      }
      for (int d = 0; d < DISKS.length; d++) {
        counters[i] += (long) (stepMs / 1000.0 * 400e6 * wave);
        v.value(i, counters[i]);
        i++;
        counters[i] += (long) (stepMs / 1000.0 * 100e6 * (1 - wave));
        v.value(i, counters[i]);
        i++;
        counters[i] += (long) (stepMs * 0.9 * wave); // ms of I/O per step: utilisation
        v.value(i, counters[i]);
        i++;
      }
      for (int c = 0; c < CPUS; c++) {
        counters[i] += Math.round(stepMs / 10.0 * (0.2 + 0.6 * (1 - wave))); // idle USER_HZ ticks
        v.value(i, counters[i]);
        i++;
      }
      v.value(i++, bits(1.0e12));
      v.value(i++, bits(0.6e12 - 0.3e12 * wave));
      for (int j = 0; j < cgroupJobs.size(); j++) {
        double share =
            (j + 1.0) / cgroupJobs.size(); // jobs differ, so a neighbour's lines would show
        counters[i] += Math.round(stepMs * 1000 * 6 * share); // µs: 6 cores of user time
        v.value(i, counters[i]);
        i++;
        counters[i] += Math.round(stepMs * 1000 * 0.5 * share);
        v.value(i, counters[i]);
        i++;
        v.value(i++, bits(40e9 * share));
        counters[i] += (long) (stepMs / 1000.0 * 300e6 * share);
        v.value(i, counters[i]);
        i++;
        counters[i] += (long) (stepMs / 1000.0 * 20e6 * share);
        v.value(i, counters[i]);
        i++;
        counters[i] += Math.round(stepMs * 1000 * 0.4 * share); // µs waited for I/O per step
        v.value(i, counters[i]);
        i++;
      }
      appender.commit();
    }
  }

  private static long bits(double d) {
    return Double.doubleToRawLongBits(d);
  }
}
