package io.clusterwatch.hub.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterwatch.hub.store.HostAppender;
import io.clusterwatch.hub.store.LatestValue;
import io.clusterwatch.hub.store.SampleStore;
import io.clusterwatch.hub.store.SeriesData;
import io.clusterwatch.hub.store.SeriesInfo;
import io.clusterwatch.hub.store.SeriesQuery;
import io.clusterwatch.hub.store.StoreStats;
import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.MetricType;
import io.clusterwatch.protocol.SeriesKey;
import io.clusterwatch.protocol.SeriesTable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class StoreRuleInputsTest {
  static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
  static final String H = "gpu01";
  static final Labels GPU0 = Labels.of("gpu", "0", "gpu_uuid", "GPU-a");
  static final Labels GPU0_XID = Labels.of("gpu", "0", "gpu_uuid", "GPU-a", "xid", "79");

  /** A store holding fixed raw-tier points (1 s step) and latest values. */
  static final class FixedStore implements SampleStore {
    final Map<SeriesKey, long[]> times = new HashMap<>();
    final Map<SeriesKey, double[]> values = new HashMap<>();
    final Map<SeriesKey, LatestValue> latest = new HashMap<>();
    final List<SeriesQuery> queries = new ArrayList<>();

    void points(String metric, Labels l, long[] t, double[] v) {
      SeriesKey k = new SeriesKey(metric, l);
      times.put(k, t);
      values.put(k, v);
      latest.put(k, new LatestValue(t[t.length - 1], v[v.length - 1], Double.NaN));
    }

    @Override
    public HostAppender appender(String host, SeriesTable table) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<String> hosts() {
      return List.of(H);
    }

    @Override
    public List<SeriesInfo> series(String host) {
      return latest.keySet().stream()
          .sorted()
          .map(k -> new SeriesInfo(host, k, MetricType.GAUGE, "1"))
          .toList();
    }

    @Override
    public long seriesGeneration(String host) {
      return latest.size();
    }

    @Override
    public Optional<LatestValue> latest(String host, SeriesKey key) {
      return Optional.ofNullable(latest.get(key));
    }

    @Override
    public List<SeriesData> query(SeriesQuery q) {
      queries.add(q);
      List<SeriesData> out = new ArrayList<>();
      for (SeriesKey k : times.keySet().stream().sorted().toList()) {
        if (!k.metric().equals(q.metric()) || !k.labels().containsAll(q.labels())) {
          continue;
        }
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < times.get(k).length; i++) {
          if (times.get(k)[i] >= q.fromMs() && times.get(k)[i] <= q.toMs()) {
            idx.add(i);
          }
        }
        long[] t = idx.stream().mapToLong(i -> times.get(k)[i]).toArray();
        double[] v = idx.stream().mapToDouble(i -> values.get(k)[i]).toArray();
        out.add(new SeriesData(q.host(), k, "1", 1000, t, v, v, v));
      }
      return out;
    }

    @Override
    public StoreStats stats() {
      return new StoreStats(1, latest.size(), 0, 0);
    }

    @Override
    public void removeHost(String host) {
      throw new UnsupportedOperationException();
    }
  }

  static long ms(int secondsBeforeNow) {
    return NOW.minusSeconds(secondsBeforeNow).toEpochMilli();
  }

  private StoreRuleInputs inputs(FixedStore store) {
    HostStatus status =
        new HostStatus() {
          @Override
          public Optional<Instant> lastSeen(String host) {
            return Optional.of(NOW.minusSeconds(1));
          }

          @Override
          public Duration sampleInterval(String host) {
            return Duration.ofSeconds(1);
          }

          @Override
          public int visibleGpuCount(String host) {
            return 1;
          }

          @Override
          public int expectedGpuCount(String host) {
            return 1;
          }
        };
    return new StoreRuleInputs(store, status, List::of, NOW, Duration.ofSeconds(10));
  }

  @Test
  void meansAndIncreasesComeFromTheExactSeries() {
    FixedStore store = new FixedStore();
    store.points(
        "gpu_utilization_ratio",
        GPU0,
        new long[] {ms(3), ms(2), ms(1)},
        new double[] {0.2, Double.NaN, 0.4});
    store.points(
        "gpu_xid_errors_total",
        GPU0_XID,
        new long[] {ms(3), ms(2), ms(1)},
        new double[] {1, Double.NaN, 2});
    StoreRuleInputs in = inputs(store);

    assertEquals(List.of(GPU0.asMap()), in.series(H, "gpu_utilization_ratio"));
    assertEquals(
        0.3,
        in.mean(H, "gpu_utilization_ratio", GPU0.asMap(), NOW.minusSeconds(5), NOW).getAsDouble(),
        1e-12);
    assertEquals(StoreRuleInputs.WINDOW_POINTS, store.queries.get(0).maxPoints());
    // rate 1/s and 2/s over 1 s steps; the point at exactly 'from' belongs to the window before
    assertEquals(
        3.0,
        in.increase(H, "gpu_xid_errors_total", GPU0_XID.asMap(), NOW.minusSeconds(5), NOW)
            .getAsDouble());
    assertEquals(
        2.0,
        in.increase(H, "gpu_xid_errors_total", GPU0_XID.asMap(), NOW.minusSeconds(3), NOW)
            .getAsDouble());
    // GPU0's labels are contained in GPU0_XID's, but mean() wants the exact series
    assertEquals(
        OptionalDouble.empty(),
        in.mean(H, "gpu_xid_errors_total", GPU0.asMap(), NOW.minusSeconds(5), NOW));
  }

  @Test
  void staleLatestValuesCountAsAbsent() {
    FixedStore store = new FixedStore();
    store.points("gpu_temperature_celsius", GPU0, new long[] {ms(11)}, new double[] {90});
    assertEquals(
        OptionalDouble.empty(), inputs(store).latest(H, "gpu_temperature_celsius", GPU0.asMap()));
    store.points("gpu_temperature_celsius", GPU0, new long[] {ms(10)}, new double[] {90});
    assertEquals(
        OptionalDouble.of(90), inputs(store).latest(H, "gpu_temperature_celsius", GPU0.asMap()));
  }

  @Test
  void rulesRunOverTheStore() {
    FixedStore store = new FixedStore();
    store.points("gpu_temperature_celsius", GPU0, new long[] {ms(1)}, new double[] {91});
    RuleEngine engine =
        new RuleEngine(GpuHealthRules.create(HealthRulesConfig.defaults()), Duration.ofMinutes(15));
    List<Alert> changes = engine.evaluate(inputs(store), NOW);
    assertEquals(
        List.of("gpu_temperature_critical", "gpu_temperature_high"),
        changes.stream().map(Alert::rule).toList());
    assertEquals(AlertState.PENDING, changes.get(0).state());
  }
}
