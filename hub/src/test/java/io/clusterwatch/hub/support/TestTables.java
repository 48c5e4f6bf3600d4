package io.clusterwatch.hub.support;

import io.clusterwatch.protocol.DataFrame;
import io.clusterwatch.protocol.DataFrameCodec;
import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.MetricType;
import io.clusterwatch.protocol.SeriesDescriptor;
import io.clusterwatch.protocol.SeriesTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Series tables and frames of a small GPU node: two GPUs with the dashboard's metrics, CPU time
 * counters, memory gauges and a disk counter.
 */
public final class TestTables {
  public static final String GPU0 = "GPU-00000000-0000-0000-0000-000000000000";
  public static final String GPU1 = "GPU-11111111-1111-1111-1111-111111111111";

  /** Positions in {@link #node}'s table. */
  public static final int UTIL0 = 0;

  public static final int UTIL1 = 1;
  public static final int MEM0 = 2;
  public static final int MEM1 = 3;
  public static final int MEMTOTAL0 = 4;
  public static final int MEMTOTAL1 = 5;
  public static final int POWER0 = 6;
  public static final int TEMP0 = 7;
  public static final int CPU_USER = 8;
  public static final int CPU_IDLE = 9;
  public static final int MEM_TOTAL = 10;
  public static final int MEM_AVAILABLE = 11;
  public static final int DISK_READ = 12;

  private TestTables() {}

  public static Labels gpu(int index) {
    return Labels.of(
        "gpu",
        String.valueOf(index),
        "gpu_uuid",
        index == 0 ? GPU0 : GPU1,
        "pci_bus_id",
        "00000000:1" + index + ":00.0");
  }

  public static SeriesTable node(int schemaVersion) {
    List<SeriesDescriptor> s = new ArrayList<>();
    s.add(SeriesDescriptor.of("gpu_utilization_ratio", gpu(0), MetricType.GAUGE));
    s.add(SeriesDescriptor.of("gpu_utilization_ratio", gpu(1), MetricType.GAUGE));
    s.add(SeriesDescriptor.of("gpu_memory_used_bytes", gpu(0), MetricType.GAUGE));
    s.add(SeriesDescriptor.of("gpu_memory_used_bytes", gpu(1), MetricType.GAUGE));
    s.add(SeriesDescriptor.of("gpu_memory_total_bytes", gpu(0), MetricType.GAUGE));
    s.add(SeriesDescriptor.of("gpu_memory_total_bytes", gpu(1), MetricType.GAUGE));
    s.add(SeriesDescriptor.of("gpu_power_watts", gpu(0), MetricType.GAUGE));
    s.add(SeriesDescriptor.of("gpu_temperature_celsius", gpu(0), MetricType.GAUGE));
    s.add(
        SeriesDescriptor.of(
            "cpu_seconds_total", Labels.of("cpu", "0", "mode", "user"), MetricType.COUNTER, 0.01));
    s.add(
        SeriesDescriptor.of(
            "cpu_seconds_total", Labels.of("cpu", "0", "mode", "idle"), MetricType.COUNTER, 0.01));
    s.add(SeriesDescriptor.of("memory_MemTotal_bytes", Labels.EMPTY, MetricType.GAUGE));
    s.add(SeriesDescriptor.of("memory_MemAvailable_bytes", Labels.EMPTY, MetricType.GAUGE));
    s.add(
        SeriesDescriptor.of(
            "disk_read_bytes_total", Labels.of("device", "sda"), MetricType.COUNTER));
    return new SeriesTable(schemaVersion, s);
  }

  /**
   * A frame of {@link #node}: GPU 0 at {@code util0}, GPU 1 at {@code util1}, CPU counters
   * advancing 25 user and 75 idle ticks per second (25 % busy), 16 GiB of 64 GiB available.
   */
  public static byte[] nodeFrame(
      int schemaVersion, long seq, long tsMs, double util0, double util1) {
    DataFrame f = DataFrame.empty(schemaVersion, seq, tsMs, node(schemaVersion).size());
    f.setGauge(UTIL0, util0);
    f.setGauge(UTIL1, util1);
    f.setGauge(MEM0, 40e9);
    f.setGauge(MEM1, 2e9);
    f.setGauge(MEMTOTAL0, 80e9);
    f.setGauge(MEMTOTAL1, 80e9);
    f.setGauge(POWER0, 350.0);
    f.setGauge(TEMP0, 65.0);
    long seconds = tsMs / 1000;
    f.set(CPU_USER, 25 * seconds);
    f.set(CPU_IDLE, 75 * seconds);
    f.setGauge(MEM_TOTAL, 64.0 * (1L << 30));
    f.setGauge(MEM_AVAILABLE, 16.0 * (1L << 30));
    f.set(DISK_READ, 4096 * seconds);
    return DataFrameCodec.encode(f);
  }

  /** A table of {@code n} gauges {@code test_gauge_ratio{i}}. */
  public static SeriesTable gauges(int schemaVersion, int n) {
    List<SeriesDescriptor> s = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      s.add(
          SeriesDescriptor.of(
              "test_gauge_ratio", Labels.of("i", String.valueOf(i)), MetricType.GAUGE));
    }
    return new SeriesTable(schemaVersion, s);
  }

  public static byte[] gaugeFrame(int schemaVersion, long seq, long tsMs, int n, double value) {
    DataFrame f = DataFrame.empty(schemaVersion, seq, tsMs, n);
    for (int i = 0; i < n; i++) {
      f.setGauge(i, value);
    }
    return DataFrameCodec.encode(f);
  }

  public static Map<String, String> attributes() {
    return Map.of("kernel", "6.1.0", "cpu_count", "1");
  }
}
