package io.clusterwatch.hub.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.hub.config.HubConfig;
import io.clusterwatch.hub.support.Scenario;
import io.clusterwatch.hub.support.TestAgent;
import io.clusterwatch.hub.support.TestHub;
import io.clusterwatch.hub.support.TestLiveClient;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /metrics: the hub's own meters, Vert.x HTTP meters and the latest cluster values. */
class MetricsTest {
  private Vertx vertx;
  private TestHub hub;
  private List<TestAgent> agents;

  @BeforeEach
  void start() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    vertx = HubVertx.create(registry);
    hub = new TestHub(vertx, HubConfig.defaults(), Scenario.clock(), registry);
    agents = Scenario.feed(hub);
  }

  @AfterEach
  void stop() {
    agents.forEach(TestAgent::close);
    vertx.close().await();
  }

  private static double value(String text, String series) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(text);
    assertTrue(m.find(), "no series " + series + " in\n" + text);
    return Double.parseDouble(m.group(1));
  }

  @Test
  void exposesHubMetersAndClusterValuesInValidTextFormat() {
    hub.get("/healthz");
    try (TestLiveClient live = TestLiveClient.connect(vertx, hub.port())) {
      live.subscribe("cluster");
      live.next("snapshot");
      TestHub.Response r = hub.get("/metrics");
      assertEquals(200, r.status());
      assertTrue(r.header("content-type").startsWith("text/plain"), r.header("content-type"));
      String text = r.body();
      assertEquals(List.of(), ExpositionLint.check(text));

      assertEquals(2, value(text, "clusterwatch_hub_agents_connected"));
      assertEquals(
          2 * Scenario.FRAMES,
          value(text, "clusterwatch_hub_ingest_frames_total{result=\"stored\"}"));
      assertTrue(value(text, "clusterwatch_hub_ingest_samples_total") > 0);
      assertTrue(value(text, "clusterwatch_hub_store_size_bytes") > 0);
      assertTrue(value(text, "clusterwatch_hub_store_samples") > 0);
      assertEquals(1, value(text, "clusterwatch_hub_live_clients"));
      assertTrue(text.contains("clusterwatch_hub_live_latency_seconds"));
      assertTrue(text.contains("vertx_http_server_requests_total"), "Vert.x HTTP meters");

      String gpu0 =
          "{gpu=\"0\",gpu_uuid=\"GPU-00000000-0000-0000-0000-000000000000\",host=\"node-a\"";
      assertEquals(0.9, value(text, "clusterwatch_gpu_utilization_ratio" + gpu0 + "}"), 1e-6);
      assertEquals(1, value(text, "clusterwatch_gpu_state" + gpu0 + ",state=\"busy\"}"));
      assertEquals(0, value(text, "clusterwatch_gpu_state" + gpu0 + ",state=\"idle\"}"));
      assertEquals(1, value(text, "clusterwatch_node_up{host=\"node-b\"}"));
    }
  }

  @Test
  void everyConnectionIsCountedWithoutMicrometerWarnings() {
    List<LogRecord> warnings = new CopyOnWriteArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
              warnings.add(r);
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger root = Logger.getLogger("");
    root.addHandler(capture);
    try {
      // Each request on a fresh connection: the second one used to log Micrometer's
      // "Gauge has been already registered (vertx.http.server.active.connections)".
      for (int i = 0; i < 3; i++) {
        assertEquals(200, hub.get("/healthz").status());
      }
      String text = hub.get("/metrics").body();
      assertTrue(value(text, "clusterwatch_hub_http_connections") >= 1, text);
      assertFalse(
          text.contains("vertx_http_server_active_connections"),
          "the re-registered gauge is left out");
    } finally {
      root.removeHandler(capture);
    }
    assertEquals(List.of(), warnings.stream().map(LogRecord::getMessage).toList());
  }

  @Test
  void rejectedConnectionsAreCountedByCode() {
    try (TestAgent bad = hub.agent()) {
      bad.sendText("nonsense");
      bad.awaitClose();
    }
    String text = hub.get("/metrics").body();
    assertEquals(1, value(text, "clusterwatch_hub_ingest_rejected_total{code=\"bad_json\"}"));
    assertEquals(List.of(), ExpositionLint.check(text));
  }
}
