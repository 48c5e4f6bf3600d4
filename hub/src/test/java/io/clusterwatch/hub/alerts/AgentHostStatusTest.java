package io.clusterwatch.hub.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterwatch.hub.agents.AgentRegistry;
import io.clusterwatch.hub.agents.AgentState;
import io.clusterwatch.hub.cluster.NodeLayouts;
import io.clusterwatch.hub.rules.Alert;
import io.clusterwatch.hub.rules.AlertState;
import io.clusterwatch.hub.rules.GpuHealthRules;
import io.clusterwatch.hub.rules.HealthRulesConfig;
import io.clusterwatch.hub.rules.HostStatus;
import io.clusterwatch.hub.rules.RuleEngine;
import io.clusterwatch.hub.rules.StoreRuleInputs;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GPU counts from stored ticks, and the {@code gpus_missing} rule over them. */
class AgentHostStatusTest {
  private static final long T = 1_764_072_000_000L;
  private static final String H = "n1";

  private final ColumnarSampleStore store = new ColumnarSampleStore(StoreConfig.defaults());
  private final AgentRegistry agents =
      new AgentRegistry(Clock.fixed(Instant.ofEpochMilli(T), ZoneOffset.UTC), 3, 10);
  private final AgentHostStatus status =
      new AgentHostStatus(agents, new NodeLayouts(store, agents), store);
  private final SeriesTable table = twoGpus();
  private AgentState agent;
  private HostAppender appender;
  private long seq;

  private static SeriesTable twoGpus() {
    List<SeriesDescriptor> series = new ArrayList<>();
    for (int g = 0; g < 2; g++) {
      Labels l = Labels.of("gpu", Integer.toString(g), "gpu_uuid", "GPU-" + g);
      series.add(SeriesDescriptor.of("gpu_utilization_ratio", l, MetricType.GAUGE));
      series.add(SeriesDescriptor.of("gpu_temperature_celsius", l, MetricType.GAUGE));
    }
    return new SeriesTable(1, series);
  }

  @BeforeEach
  void connect() {
    agent = agents.restore(H, "agent-1", 0);
    appender = store.appender(H, table);
  }

  /** One stored tick {@code s} seconds after T where only the GPUs listed report. */
  private void tick(int s, int... reporting) {
    long ts = T + 1000L * s;
    DataFrame f = DataFrame.empty(1, ++seq, ts, table.size());
    for (int g : reporting) {
      f.setGauge(2 * g, 0.5);
      f.setGauge(2 * g + 1, 40);
    }
    DataFrameCodec.decode(ByteBuffer.wrap(DataFrameCodec.encode(f)), table, appender.begin(ts));
    appender.commit();
    agent.frameStored(seq, ts, ts);
  }

  @Test
  void aGpuThatStopsReportingIsNoLongerVisibleButStillExpected() {
    tick(0, 0, 1);
    assertEquals(2, status.visibleGpuCount(H));
    assertEquals(2, status.expectedGpuCount(H));
    tick(1, 1);
    assertEquals(1, status.visibleGpuCount(H));
    assertEquals(2, status.expectedGpuCount(H));
  }

  @Test
  void theExpectedCountCountsNothingItself() {
    tick(0, 0, 1);
    assertEquals(0, status.expectedGpuCount(H));
    assertEquals(2, status.visibleGpuCount(H));
    assertEquals(2, status.expectedGpuCount(H));
  }

  @Test
  void gpusMissingFiresAndResolvesCountingEachHostOncePerPass() {
    Map<String, Integer> counts = new HashMap<>();
    HostStatus counting =
        new HostStatus() {
          @Override
          public Optional<Instant> lastSeen(String host) {
            return status.lastSeen(host);
          }

          @Override
          public Duration sampleInterval(String host) {
            return status.sampleInterval(host);
          }

          @Override
          public int visibleGpuCount(String host) {
            counts.merge(host, 1, Integer::sum);
            return status.visibleGpuCount(host);
          }

          @Override
          public int expectedGpuCount(String host) {
            return status.expectedGpuCount(host);
          }
        };
    RuleEngine engine =
        new RuleEngine(
            GpuHealthRules.create(HealthRulesConfig.defaults()).stream()
                .filter(r -> r.name().equals("gpus_missing"))
                .toList(),
            Duration.ofMinutes(15));

    tick(0, 0, 1);
    assertEquals(List.of(), evaluate(engine, counting, 0));
    tick(1, 0);
    Alert fired = evaluate(engine, counting, 1).get(0);
    assertEquals(AlertState.FIRING, fired.state());
    assertEquals("n1 sees 1 of its 2 GPUs", fired.summary());
    tick(2, 0, 1);
    assertEquals(AlertState.RESOLVED, evaluate(engine, counting, 2).get(0).state());
    assertEquals(Map.of(H, 3), counts);
  }

  private List<Alert> evaluate(RuleEngine engine, HostStatus counting, int s) {
    Instant now = Instant.ofEpochMilli(T + 1000L * s);
    return engine.evaluate(
        new StoreRuleInputs(store, counting, List::of, now, Duration.ofMinutes(1)), now);
  }
}
