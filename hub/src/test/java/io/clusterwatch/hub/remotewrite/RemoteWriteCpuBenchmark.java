package io.clusterwatch.hub.remotewrite;

import io.clusterwatch.hub.jobs.JobRegistry;
import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.MetricType;
import io.clusterwatch.protocol.SeriesDescriptor;
import io.clusterwatch.protocol.SeriesTable;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU time the hub adds per forwarded sample with one endpoint, on one thread: naming a stored tick
 * into a {@link TickEntry} (what ingest pays), then sharding, protobuf encoding and snappy
 * compression of requests of {@code max_samples_per_send} samples (what the sender's event loop
 * pays). The HTTP exchange itself is not included. Nodes have 200 series (8 GPUs x 6 dcgm-named
 * series, 152 node_cpu_seconds_total counters).
 *
 * <p>Arguments: {@code hosts ticks} (default 100 300), after a warm-up of the same size.
 */
public final class RemoteWriteCpuBenchmark {
  private static final long START_MS = 1_767_225_600_000L;

  private RemoteWriteCpuBenchmark() {}

  public static void main(String[] args) {
    int hosts = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int ticks = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    run(hosts, ticks);
    Result r = run(hosts, ticks);
    System.out.printf(
        "%d samples: feed %.0f ns/sample, encode+snappy %.0f ns/sample, total %.0f ns/sample"
            + " = %.2f M samples/s per core; %.1f bytes/sample compressed%n",
        r.samples,
        r.feedNs / r.samples,
        r.encodeNs / r.samples,
        (r.feedNs + r.encodeNs) / r.samples,
        r.samples / ((r.feedNs + r.encodeNs) / 1e9) / 1e6,
        (double) r.bytes / r.samples);
  }

  private record Result(long samples, double feedNs, double encodeNs, long bytes) {}

  private static Result run(int hosts, int ticks) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    InMemoryRemoteWriteSource source = new InMemoryRemoteWriteSource(Long.MAX_VALUE);
    RemoteWriteFeed feed = new RemoteWriteFeed(List.of(source::append), new JobRegistry(10));
    SeriesTable[] tables = new SeriesTable[hosts];
    for (int h = 0; h < hosts; h++) {
      tables[h] = table(h);
    }
    int n = tables[0].size();
    long[] bits = new long[n];
    boolean[] present = new boolean[n];
    java.util.Arrays.fill(present, true);
    long cpu0 = threads.getCurrentThreadCpuTime();
    for (int t = 0; t < ticks; t++) {
      for (int h = 0; h < hosts; h++) {
        for (int i = 0; i < n; i++) {
          bits[i] =
              tables[h].get(i).type() == MetricType.COUNTER
                  ? (long) t * (i + 7) * 13
                  : Double.doubleToRawLongBits(0.25 + ((t * 31 + i + h) % 97) / 100.0);
        }
        feed.stored("node" + h, tables[h], START_MS + t * 1000L, bits, present);
      }
    }
    long cpu1 = threads.getCurrentThreadCpuTime();
    WriteRequestEncoder encoder = new WriteRequestEncoder(java.util.Map.of("cluster", "bench"));
    int shards = 4;
    List<List<QueuedSample>> lanes = new ArrayList<>();
    for (int s = 0; s < shards; s++) {
      lanes.add(new ArrayList<>());
    }
    long samples = 0;
    long bytes = 0;
    long position = 1;
    for (RemoteWriteSource.Batch b = source.poll(8000); !b.isEmpty(); b = source.poll(8000)) {
      for (TickEntry e : b.entries()) {
        for (int i = 0; i < e.size(); i++) {
          PromSeries series = e.series()[i];
          List<QueuedSample> lane =
              lanes.get(Math.floorMod(series.hashCode() * 0x9E3779B9, shards));
          lane.add(new QueuedSample(series, e.timestampMs(), e.values()[i], position));
          if (lane.size() == 2000) {
            bytes += encoder.compressed(lane).length;
            samples += lane.size();
            lane.clear();
          }
        }
        position++;
      }
    }
    long cpu2 = threads.getCurrentThreadCpuTime();
    return new Result(
        samples,
        (cpu1 - cpu0) * ((double) samples / ((long) hosts * ticks * n)),
        cpu2 - cpu1,
        bytes);
  }

  private static SeriesTable table(int host) {
    List<SeriesDescriptor> series = new ArrayList<>();
    for (int g = 0; g < 8; g++) {
      Labels gpu = Labels.of("gpu", Integer.toString(g), "gpu_uuid", "GPU-" + host + "-" + g);
      for (String m :
          List.of(
              "gpu_utilization_ratio",
              "gpu_memory_used_bytes",
              "gpu_power_watts",
              "gpu_temperature_celsius",
              "gpu_sm_clock_hertz")) {
        series.add(SeriesDescriptor.of(m, gpu, MetricType.GAUGE));
      }
      series.add(SeriesDescriptor.of("gpu_energy_joules_total", gpu, MetricType.COUNTER, 0.001));
    }
    String[] modes = {"user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal"};
    for (int c = 0; c < 19; c++) {
      for (String mode : modes) {
        series.add(
            SeriesDescriptor.of(
                "cpu_seconds_total",
                Labels.of("cpu", Integer.toString(c), "mode", mode),
                MetricType.COUNTER,
                0.01));
      }
    }
    return new SeriesTable(1, series);
  }
}
