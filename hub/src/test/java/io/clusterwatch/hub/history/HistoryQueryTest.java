package io.clusterwatch.hub.history;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterwatch.hub.config.HubConfigReader;
import io.clusterwatch.hub.store.SeriesData;
import io.clusterwatch.hub.store.SeriesQuery;
import io.clusterwatch.protocol.Labels;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HistoryQueryTest {
  private static HistoryQuery q(String metric, Labels labels, long from, long to, int maxPoints) {
    return new HistoryQuery(
        new SeriesQuery("gpu-node-01", metric, labels, from, to, maxPoints),
        Map.of("cluster", "a"),
        1000);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "gpu_utilization_ratio|gpu_uuid=GPU-1|avg_over_time(DCGM_FI_DEV_GPU_UTIL{UUID=\"GPU-1\",cluster=\"a\",instance=\"gpu-node-01\"}[1s])",
        "cpu_seconds_total|mode=user|rate(node_cpu_seconds_total{cluster=\"a\",instance=\"gpu-node-01\",mode=\"user\"}[4s])",
        "gpu_energy_joules_total||rate(DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION{cluster=\"a\",instance=\"gpu-node-01\"}[4s])",
        "gpu_stale||avg_over_time(clusterwatch_gpu_stale{cluster=\"a\",instance=\"gpu-node-01\"}[1s])",
        "network_receive_bytes_total|device=a\"b|rate(node_network_receive_bytes_total{cluster=\"a\",device=\"a\\\"b\",instance=\"gpu-node-01\"}[4s])",
      })
  void promqlUsesTheRemoteWriteNames(String metric, String matcher, String expected) {
    Labels labels = matcher == null ? Labels.EMPTY : Labels.of(matcher.split("=", 2));
    assertEquals(expected, q(metric, labels, 0, 60_000, 600).promql());
  }

  @ParameterizedTest
  @CsvSource({
    // span ms, max points, step ms: the raw step or coarser, whole seconds
    "60000, 600, 1000",
    "3600000, 600, 7000",
    "86400000, 600, 145000",
    "1000, 1, 1000",
  })
  void stepFitsMaxPoints(long span, int maxPoints, long step) {
    assertEquals(step, q("gpu_utilization_ratio", Labels.EMPTY, 0, span, maxPoints).stepMs());
  }

  @Test
  void answersComeBackInInternalLabelsAndUnitsStampedAtTheStepStart() {
    HistoryQuery query = q("gpu_memory_used_bytes", Labels.EMPTY, 10_000, 13_000, 600);
    assertEquals(11_000, query.evalStartMs());
    assertEquals(14_000, query.evalEndMs());
    PromResult r =
        new PromResult(
            Map.of(
                "UUID",
                "GPU-1",
                "gpu",
                "0",
                "pci_bus_id",
                "00:1",
                "Hostname",
                "gpu-node-01",
                "device",
                "nvidia0",
                "modelName",
                "H100",
                "instance",
                "gpu-node-01",
                "cluster",
                "a"),
            new long[] {11_000, 12_000, 13_000, 14_000},
            new double[] {1, 2, Double.NaN, 1024});
    SeriesData d = query.toSeries(List.of(r)).get(0);
    assertEquals(
        Labels.of("gpu", "0", "gpu_uuid", "GPU-1", "pci_bus_id", "00:1"), d.key().labels());
    assertEquals("bytes", d.unit());
    assertArrayEquals(new long[] {10_000, 11_000, 12_000, 13_000}, d.timestampsMs());
    // dcgm-exporter's MiB back to bytes
    assertArrayEquals(new double[] {1 << 20, 2 << 20, Double.NaN, 1L << 30}, d.avg());
  }

  @Test
  void historySectionIsReadFromHubYaml() {
    HistorySettings h =
        new HubConfigReader()
            .read(
                """
        history:
          promql_url: http://victoria:8428/
          timeout: 5s
        """,
                "hub.yaml")
            .history();
    assertEquals("http://victoria:8428", h.promqlUrl());
    assertEquals(Duration.ofSeconds(5), h.timeout());
    assertEquals(Duration.ofDays(90), h.jobLookback());
    assertEquals(null, new HubConfigReader().read("server: {port: 1}", "hub.yaml").history());
  }

  @Test
  void aBadHistorySectionNamesTheKey() {
    var e =
        org.junit.jupiter.api.Assertions.assertThrows(
            RuntimeException.class,
            () -> new HubConfigReader().read("history: {promql_url: 'ftp://x'}", "hub.yaml"));
    org.junit.jupiter.api.Assertions.assertTrue(
        e.getMessage().contains("history.promql_url"), e.getMessage());
    var unknown =
        org.junit.jupiter.api.Assertions.assertThrows(
            RuntimeException.class,
            () ->
                new HubConfigReader()
                    .read("history: {promql_url: 'http://x', tiemout: 5s}", "hub.yaml"));
    org.junit.jupiter.api.Assertions.assertTrue(
        unknown.getMessage().contains("tiemout"), unknown.getMessage());
  }
}
