package io.clusterwatch.hub.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterwatch.hub.store.ColumnarSampleStore;
import io.clusterwatch.hub.store.HostAppender;
import io.clusterwatch.hub.store.StoreConfig;
import io.clusterwatch.protocol.DataFrame;
import io.clusterwatch.protocol.DataFrameCodec;
import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.MetricType;
import io.clusterwatch.protocol.SeriesDescriptor;
import io.clusterwatch.protocol.SeriesTable;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The "I/O bound?" and "data loading?" hints on the job's own pressure stall information, over the
 * hub's real store: agent ticks go in as ingest writes them (counters raw, in the agent's
 * microseconds), the rules read them through {@link StoreRuleInputs} at the instant passed in.
 */
class JobPressureHintsTest {
  static final String H = "gpu01";
  static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
  static final double MICROS = 1e-6;
  static final Labels GPU0 = Labels.of("gpu", "0", "gpu_uuid", "GPU-a");
  static final Labels GPU1 = Labels.of("gpu", "1", "gpu_uuid", "GPU-b");
  static final SeriesTable TABLE =
      new SeriesTable(
          1,
          List.of(
              SeriesDescriptor.of("gpu_utilization_ratio", GPU0, MetricType.GAUGE),
              SeriesDescriptor.of("gpu_utilization_ratio", GPU1, MetricType.GAUGE),
              SeriesDescriptor.of(
                  "job_pressure_io_waiting_seconds_total",
                  Labels.of("job_id", "4242"),
                  MetricType.COUNTER,
                  MICROS),
              SeriesDescriptor.of(
                  "job_pressure_io_waiting_seconds_total",
                  Labels.of("job_id", "4243"),
                  MetricType.COUNTER,
                  MICROS),
              SeriesDescriptor.of(
                  "job_pressure_cpu_waiting_seconds_total",
                  Labels.of("job_id", "4242"),
                  MetricType.COUNTER,
                  MICROS),
              SeriesDescriptor.of(
                  "job_cpu_seconds_total",
                  Labels.of("job_id", "4242", "mode", "user"),
                  MetricType.COUNTER,
                  MICROS),
              SeriesDescriptor.of(
                  "disk_io_time_seconds_total",
                  Labels.of("device", "nvme0n1"),
                  MetricType.COUNTER,
                  0.001)));
  static final HintRulesConfig HINTS =
      new HintRulesConfig(0.25, 0.9, 0.8, 0.2, 0.8, Duration.ofMinutes(10), Duration.ZERO);

  final ColumnarSampleStore store = new ColumnarSampleStore(StoreConfig.defaults());
  final RuleEngine engine =
      new RuleEngine(BottleneckHints.create(HINTS, Duration.ofMinutes(5)), Duration.ZERO);
  final HostStatus status = new FixedHostStatus(Duration.ofSeconds(10), 2);

  /**
   * Shares of time (0..1) per second of wall time that the counters grow by, and the GPUs'
   * utilisation.
   */
  record Load(
      double gpuUtil,
      double ioWaiting,
      double neighbourIoWaiting,
      double cpuWaiting,
      double cores,
      double diskBusy) {}

  /** Ticks every 10 s over the last 11 minutes with {@code load}. */
  private void run(Load load) {
    long[] raw = new long[TABLE.size()];
    long seq = 0;
    for (Instant t = NOW.minus(Duration.ofMinutes(11)); !t.isAfter(NOW); t = t.plusSeconds(10)) {
      DataFrame f = DataFrame.empty(1, ++seq, t.toEpochMilli(), TABLE.size());
      f.setGauge(0, load.gpuUtil());
      f.setGauge(1, load.gpuUtil());
      raw[2] += Math.round(load.ioWaiting() * 10 / MICROS);
      raw[3] += Math.round(load.neighbourIoWaiting() * 10 / MICROS);
      raw[4] += Math.round(load.cpuWaiting() * 10 / MICROS);
      raw[5] += Math.round(load.cores() * 10 / MICROS);
      raw[6] += Math.round(load.diskBusy() * 10 / 0.001);
      for (int i = 2; i < raw.length; i++) {
        f.set(i, raw[i]);
      }
      HostAppender appender = store.appender(H, TABLE);
      DataFrameCodec.decode(
          ByteBuffer.wrap(DataFrameCodec.encode(f)), TABLE, appender.begin(t.toEpochMilli()));
      appender.commit();
    }
  }

  private Map<String, String> hints(RunningJob job) {
    Map<String, String> out = new TreeMap<>();
    engine
        .evaluate(
            new StoreRuleInputs(store, status, () -> List.of(job), NOW, Duration.ofSeconds(30)),
            NOW)
        .forEach(a -> out.put(a.rule(), a.summary()));
    return out;
  }

  private static RunningJob job(String id, Map<String, String> attributes) {
    return new RunningJob(
        id, H, "alice", List.of("GPU-a", "GPU-b"), NOW.minus(Duration.ofHours(1)), attributes);
  }

  @Test
  void ioBoundSaysHowMuchOfTheTimeTheJobWaitedForIo() {
    run(new Load(0.21, 0.48, 0, 0.01, 2.0, 0.3));
    assertEquals(
        Map.of(
            "hint_io_bound",
            "I/O bound? GPUs 21 % busy while the job's tasks waited for I/O 48 % of the time over 10 min"),
        hints(job("4242", Map.of())));
  }

  /**
   * A neighbour keeps the disk busy and waits for it; this job does not: no I/O hint for this job.
   */
  @Test
  void theJobsOwnPressureOutranksANodeBusyWithSomeoneElse() {
    run(new Load(0.1, 0.03, 0.9, 0.0, 1.0, 0.95));
    assertEquals(Map.of(), hints(job("4242", Map.of())));
  }

  @Test
  void dataLoadingWhenTheJobsTasksWaitForCpu() {
    run(new Load(0.12, 0.02, 0, 0.35, 7.8, 0.1));
    assertEquals(
        Map.of(
            "hint_data_loading",
            "data loading? GPUs 12 % busy while the job's tasks waited for CPU 35 % of the time (using 7.8 cores) over 10 min"),
        hints(job("4242", Map.of())));
  }

  /**
   * The agent labels a Kubernetes pod's series with its UID; the registry knows it as
   * namespace/pod.
   */
  @Test
  void podSeriesAreFoundThroughThePodUidAttribute() {
    run(new Load(0.2, 0.0, 0.6, 0.0, 0.5, 0.2));
    assertEquals(
        Map.of(
            "hint_io_bound",
            "I/O bound? GPUs 20 % busy while the job's tasks waited for I/O 60 % of the time over 10 min"),
        hints(job("team-a/trainer-0", Map.of("pod_uid", "4243"))));
  }

  @Test
  void noHintWhileTheGpusAreBusy() {
    run(new Load(0.8, 0.6, 0, 0.5, 8, 0.9));
    assertEquals(Map.of(), hints(job("4242", Map.of())));
  }
}
