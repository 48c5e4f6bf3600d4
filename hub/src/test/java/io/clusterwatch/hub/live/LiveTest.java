package io.clusterwatch.hub.live;

import static io.clusterwatch.hub.support.Scenario.T0;
import static io.clusterwatch.hub.support.TestTables.GPU1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.hub.config.HubConfigReader;
import io.clusterwatch.hub.support.Scenario;
import io.clusterwatch.hub.support.TestAgent;
import io.clusterwatch.hub.support.TestHub;
import io.clusterwatch.hub.support.TestLiveClient;
import io.clusterwatch.hub.support.TestTables;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** /live: snapshot, then deltas with only the subscribed series; slow clients skip ticks. */
@ExtendWith(VertxExtension.class)
class LiveTest {
  private TestHub hub;
  private List<TestAgent> agents = List.of();

  /**
   * @param live the {@code live} section, as YAML
   */
  private void start(Vertx vertx, String live, Clock clock) {
    hub = new TestHub(vertx, new HubConfigReader().read("live: " + live, "test.yaml"), clock);
    agents = Scenario.feed(hub);
  }

  private void start(Vertx vertx) {
    start(vertx, "{tick: 10ms, cluster_interval: 50ms, max_clients: 100}", Scenario.clock());
  }

  @AfterEach
  void stop() {
    agents.forEach(TestAgent::close);
  }

  private void sendFrame(int agent, long seq, double util0) {
    TestAgent a = agents.get(agent);
    a.sendBinary(TestTables.nodeFrame(1, seq, T0 + seq * 1000, util0, 0.0));
    a.awaitAck(seq);
  }

  @Test
  void clusterViewGetsTheClusterBodyAsSnapshotAndDeltas(Vertx vertx) {
    start(vertx);
    try (TestLiveClient c = TestLiveClient.connect(vertx, hub.port())) {
      c.subscribe("cluster");
      JsonObject snapshot = c.next("snapshot");
      assertEquals("cluster", snapshot.getString("view"));
      assertEquals(
          1, snapshot.getJsonObject("data").getJsonObject("counts").getInteger("gpus_busy"));
      assertEquals(2, snapshot.getJsonObject("data").getJsonArray("nodes").size());
      JsonObject delta = c.next("delta");
      assertEquals(T0 + 8000, delta.getLong("time_ms"), "newest agent timestamp");
      assertEquals(Scenario.NOW, delta.getLong("sent_ms"));
      assertEquals(2, delta.getJsonObject("data").getJsonArray("nodes").size());
    }
  }

  @Test
  void nodeViewGetsLatestValuesThenNewPointsOfThatNodeOnly(Vertx vertx) {
    start(vertx);
    try (TestLiveClient c = TestLiveClient.connect(vertx, hub.port())) {
      c.subscribe("node:node-a");
      JsonObject snapshot = c.next("snapshot");
      assertEquals("node:node-a", snapshot.getString("view"));
      JsonObject util0 =
          snapshot.getJsonObject("data").getJsonArray("series").stream()
              .map(JsonObject.class::cast)
              .filter(
                  s ->
                      s.getString("metric").equals("gpu_utilization_ratio")
                          && s.getJsonObject("labels").getString("gpu").equals("0"))
              .findFirst()
              .orElseThrow();
      assertEquals(0.9, util0.getDouble("value"), 1e-6);
      assertEquals("node-a", util0.getString("host"));

      sendFrame(1, 9, 0.0); // node-b: not in this view
      sendFrame(0, 9, 0.42);
      JsonObject delta = c.next("delta");
      assertEquals(T0 + 9000, delta.getLong("time_ms"));
      assertEquals(Scenario.NOW, delta.getLong("sent_ms"));
      List<JsonObject> points =
          delta.getJsonObject("data").getJsonArray("points").stream()
              .map(JsonObject.class::cast)
              .toList();
      assertEquals(TestTables.node(1).size(), points.size(), "one new point per series");
      assertTrue(points.stream().allMatch(p -> p.getString("host").equals("node-a")));
      assertTrue(points.stream().allMatch(p -> p.getLong("t") == T0 + 9000));
      assertTrue(
          points.stream()
              .anyMatch(
                  p ->
                      p.getString("metric").equals("gpu_utilization_ratio")
                          && Math.abs(p.getDouble("v") - 0.42) < 1e-6));
    }
    assertTrue(hub.services.meters().liveLatency().count() > 0);
  }

  @Test
  void jobViewShowsOnlyTheJobsGpus(Vertx vertx) {
    start(vertx);
    try (TestLiveClient c = TestLiveClient.connect(vertx, hub.port())) {
      c.subscribe("job:4711");
      JsonObject snapshot = c.next("snapshot");
      assertFalse(snapshot.encode().contains(GPU1), "GPU 1 belongs to no running job of this view");
      assertTrue(snapshot.encode().contains("cpu_seconds_total"), "host series of the job's node");
      sendFrame(0, 9, 0.5);
      JsonObject delta = c.next("delta");
      assertFalse(delta.encode().contains(GPU1));
      assertTrue(delta.encode().contains(TestTables.GPU0));
    }
  }

  @Test
  void badSubscriptionsGetErrorsAndTheConnectionStays(Vertx vertx) {
    start(vertx);
    try (TestLiveClient c = TestLiveClient.connect(vertx, hub.port())) {
      c.subscribe("node:nope");
      assertEquals("unknown node: nope", c.next("error").getString("error"));
      c.subscribe("job:nope");
      assertEquals("unknown job: nope", c.next("error").getString("error"));
      c.subscribe("galaxy");
      assertTrue(c.next("error").getString("error").contains("view must be"));
      c.sendText("{not json");
      assertTrue(c.next("error").getString("error").contains("JSON"));
      c.subscribe("cluster");
      assertEquals("cluster", c.next("snapshot").getString("view"));
    }
  }

  @Test
  void clientsBeyondTheLimitAreRefused(Vertx vertx) {
    start(vertx, "{tick: 10ms, cluster_interval: 50ms, max_clients: 1}", Scenario.clock());
    try (TestLiveClient first = TestLiveClient.connect(vertx, hub.port())) {
      first.subscribe("cluster");
      first.next("snapshot");
      // Held until the answer: a client garbage collected mid-handshake fails it for another
      // reason.
      WebSocketClient client = vertx.createWebSocketClient();
      boolean refused =
          client
              .connect(hub.port(), "localhost", "/live")
              .transform(ar -> io.vertx.core.Future.succeededFuture(ar.failed()))
              .await();
      client.close().await();
      assertTrue(refused);
    }
  }

  @Test
  void aSlowClientSkipsTicksWhileOthersKeepUp(Vertx vertx) {
    // The real clock, so that cluster ticks keep coming every millisecond.
    start(
        vertx,
        "{tick: 1ms, cluster_interval: 1ms, max_write_queue: 1KiB, max_clients: 100}",
        Clock.systemUTC());
    try (TestLiveClient slow =
            TestLiveClient.connect(
                vertx, hub.port(), new WebSocketClientOptions().setReceiveBufferSize(4096));
        TestLiveClient fast = TestLiveClient.connect(vertx, hub.port())) {
      slow.subscribe("cluster");
      slow.next("snapshot");
      slow.ws.pause();
      fast.subscribe("cluster");
      fast.next("snapshot");
      Promise<Void> skipped = Promise.promise();
      long timer =
          vertx.setPeriodic(
              5,
              id -> {
                if (hub.services.meters().liveSkippedCount() > 0) {
                  skipped.tryComplete();
                }
              });
      skipped.future().timeout(30, TimeUnit.SECONDS).await();
      vertx.cancelTimer(timer);
      // The fast client still gets fresh deltas.
      fast.next("delta");
      fast.next("delta");
      slow.ws.resume();
      assertEquals("delta", slow.next("delta").getString("type"));
    }
  }
}
