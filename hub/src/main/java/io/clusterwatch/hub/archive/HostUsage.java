package io.clusterwatch.hub.archive;

import io.clusterwatch.hub.store.SampleStore;
import io.clusterwatch.hub.store.SeriesData;
import io.clusterwatch.hub.store.SeriesQuery;
import io.clusterwatch.protocol.Labels;

/**
 * What one host did over a window, from its own series: CPU busy share from the per-mode rates of
 * {@code cpu_seconds_total} (idle and iowait count as not busy, as on the cluster view), memory
 * from {@code memory_MemTotal_bytes} and {@code memory_MemAvailable_bytes}, and byte totals
 * integrated from counter rates. Host series carry every process of the host, so on a shared node
 * they include other jobs' work. NaN where the host sent no such series.
 */
record HostUsage(
    double cpuBusySeconds,
    double cpuAllSeconds,
    double memoryPeakBytes,
    double memoryTotalBytes,
    double diskReadBytes,
    double diskWrittenBytes,
    double ibReceivedBytes,
    double ibTransmittedBytes) {
  /** Host series are read coarser than GPU series: a node can have thousands of CPU series. */
  static final int MAX_POINTS = 1_000;

  static HostUsage of(SampleStore store, String host, long fromMs, long toMs) {
    double busy = 0;
    double all = 0;
    boolean anyCpu = false;
    for (SeriesData d : query(store, host, "cpu_seconds_total", fromMs, toMs)) {
      String mode = d.key().labels().get("mode");
      if (mode == null) {
        continue;
      }
      double seconds = integral(d);
      if (Double.isNaN(seconds)) {
        continue;
      }
      anyCpu = true;
      all += seconds;
      if (!"idle".equals(mode) && !"iowait".equals(mode)) {
        busy += seconds;
      }
    }
    double total = Double.NaN;
    for (SeriesData d : query(store, host, "memory_MemTotal_bytes", fromMs, toMs)) {
      total = max(total, d.max());
    }
    double leastAvailable = Double.NaN;
    for (SeriesData d : query(store, host, "memory_MemAvailable_bytes", fromMs, toMs)) {
      leastAvailable = min(leastAvailable, d.min());
    }
    return new HostUsage(
        anyCpu ? busy : Double.NaN,
        anyCpu ? all : Double.NaN,
        total - leastAvailable,
        total,
        sum(store, host, "disk_read_bytes_total", fromMs, toMs),
        sum(store, host, "disk_written_bytes_total", fromMs, toMs),
        sum(store, host, "infiniband_port_data_received_bytes_total", fromMs, toMs),
        sum(store, host, "infiniband_port_data_transmitted_bytes_total", fromMs, toMs));
  }

  private static java.util.List<SeriesData> query(
      SampleStore store, String host, String metric, long from, long to) {
    return store.query(new SeriesQuery(host, metric, Labels.EMPTY, from, to, MAX_POINTS));
  }

  /** Total of a counter over every series of the metric: rate x step, summed; NaN without data. */
  private static double sum(SampleStore store, String host, String metric, long from, long to) {
    double total = Double.NaN;
    for (SeriesData d : query(store, host, metric, from, to)) {
      double part = integral(d);
      if (!Double.isNaN(part)) {
        total = (Double.isNaN(total) ? 0 : total) + part;
      }
    }
    return total;
  }

  /** The integral of a per-second rate over its points, in the counter's unit; NaN without data. */
  static double integral(SeriesData d) {
    double out = Double.NaN;
    for (double v : d.avg()) {
      if (!Double.isNaN(v)) {
        out = (Double.isNaN(out) ? 0 : out) + v * d.stepMs() / 1000.0;
      }
    }
    return out;
  }

  private static double max(double acc, double[] values) {
    for (double v : values) {
      if (!Double.isNaN(v) && (Double.isNaN(acc) || v > acc)) {
        acc = v;
      }
    }
    return acc;
  }

  private static double min(double acc, double[] values) {
    for (double v : values) {
      if (!Double.isNaN(v) && (Double.isNaN(acc) || v < acc)) {
        acc = v;
      }
    }
    return acc;
  }
}
