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
import org.junit.jupiter.api.Test;

/**
 * {@code gpu_busy_not_computing} over the hub's real store: ticks go in as ingest writes them, the
 * rules read them through {@link StoreRuleInputs}, and time is the instant passed to the engine.
 */
class BusyNotComputingRuleTest {
  static final String H = "gpu01";
  static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
  static final Labels GPU0 = Labels.of("gpu", "0", "gpu_uuid", "GPU-a");
  static final Labels GPU1 = Labels.of("gpu", "1", "gpu_uuid", "GPU-b");
  static final SeriesTable TABLE =
      new SeriesTable(
          1,
          List.of(
              SeriesDescriptor.of("gpu_utilization_ratio", GPU0, MetricType.GAUGE),
              SeriesDescriptor.of("gpu_sm_active_ratio", GPU0, MetricType.GAUGE),
              SeriesDescriptor.of("gpu_utilization_ratio", GPU1, MetricType.GAUGE)));
  static final RunningJob JOB =
      new RunningJob(
          "4242", H, "alice", List.of("GPU-a", "GPU-b"), T0.minus(Duration.ofHours(1)), Map.of());

  final ColumnarSampleStore store = new ColumnarSampleStore(StoreConfig.defaults());
  final RuleEngine engine =
      new RuleEngine(
          IdleRules.create(IdleRulesConfig.defaults()).stream()
              .filter(r -> r.name().equals("gpu_busy_not_computing"))
              .toList(),
          Duration.ofMinutes(15));
  final HostStatus status = new FixedHostStatus(Duration.ofSeconds(1), 2);
  long sequence;

  /**
   * One tick of the agent at {@code t}: GPU 0 with SM activity, GPU 1 (no GPM) at the same
   * utilisation.
   */
  private void write(Instant t, double util, double smActive) {
    DataFrame f = DataFrame.empty(1, ++sequence, t.toEpochMilli(), TABLE.size());
    f.setGauge(0, util);
    f.setGauge(1, smActive);
    f.setGauge(2, util);
    HostAppender appender = store.appender(H, TABLE);
    DataFrameCodec.decode(
        ByteBuffer.wrap(DataFrameCodec.encode(f)), TABLE, appender.begin(t.toEpochMilli()));
    appender.commit();
  }

  private List<Alert> evaluate(Instant now) {
    return engine.evaluate(
        new StoreRuleInputs(store, status, () -> List.of(JOB), now, Duration.ofSeconds(30)), now);
  }

  @Test
  void fullUtilisationWithIdleSmsFiresAfterTenMinutesOnTheGpuThatReportsSmActivity() {
    write(T0, 1.0, 0.02);
    List<Alert> first = evaluate(T0);
    assertEquals(1, first.size(), first.toString());
    Alert pending = first.get(0);
    assertEquals(AlertState.PENDING, pending.state());
    assertEquals(
        "GPU-a", pending.labels().get("gpu_uuid"), "GPU 1 has no SM activity and is not judged");
    assertEquals(
        "GPU 0 (GPU-a) on gpu01: job 4242 keeps it 100 % utilised with only 2 % SM activity:"
            + " busy but not computing (kernels waiting, e.g. on a stuck collective)",
        pending.summary());
    assertEquals(Severity.WARNING, pending.severity());
    assertEquals("idle", pending.group());

    Instant t = T0;
    for (int s = 10; s < 600; s += 10) {
      t = T0.plusSeconds(s);
      write(t, 1.0, 0.03);
      assertEquals(List.of(), evaluate(t), "still pending at " + s + " s");
    }
    write(T0.plusSeconds(600), 1.0, 0.03);
    List<Alert> fired = evaluate(T0.plusSeconds(600));
    assertEquals(AlertState.FIRING, fired.get(0).state(), fired.toString());

    // the job computes again: SM activity well above 5 %
    write(T0.plusSeconds(610), 1.0, 0.6);
    List<Alert> resolved = evaluate(T0.plusSeconds(610));
    assertEquals(AlertState.RESOLVED, resolved.get(0).state(), resolved.toString());
  }

  @Test
  void lowSmActivityBelowFullUtilisationIsNotThisRule() {
    write(T0, 0.6, 0.02);
    assertEquals(List.of(), evaluate(T0));
    write(T0.plusSeconds(10), 1.0, 0.05);
    assertEquals(List.of(), evaluate(T0.plusSeconds(10)), "5 % SM activity is not under 5 %");
  }
}
