package io.clusterwatch.hub.api;

import static io.clusterwatch.hub.support.Scenario.T0;
import static io.clusterwatch.hub.support.TestTables.GPU0;
import static io.clusterwatch.hub.support.TestTables.GPU1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.hub.config.HubConfig;
import io.clusterwatch.hub.support.MutableClock;
import io.clusterwatch.hub.support.Scenario;
import io.clusterwatch.hub.support.TestAgent;
import io.clusterwatch.hub.support.TestHub;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** /api/v1 against a hub fed by real agent connections (see {@link Scenario}). */
@ExtendWith(VertxExtension.class)
class ApiTest {
  private TestHub hub;
  private MutableClock clock;
  private List<TestAgent> agents;

  @BeforeEach
  void start(Vertx vertx) {
    clock = Scenario.clock();
    hub = new TestHub(vertx, HubConfig.defaults(), clock);
    agents = Scenario.feed(hub);
  }

  @AfterEach
  void stop() {
    agents.forEach(TestAgent::close);
  }

  private static JsonObject node(JsonObject cluster, String host) {
    for (Object n : cluster.getJsonArray("nodes")) {
      if (((JsonObject) n).getString("host").equals(host)) {
        return (JsonObject) n;
      }
    }
    throw new AssertionError("no node " + host);
  }

  @Test
  void clusterHasEveryGpuWithItsStateValuesAndJob() {
    TestHub.Response r = hub.get("/api/v1/cluster");
    assertEquals(200, r.status());
    assertEquals("application/json", r.header("content-type"));
    JsonObject c = r.json();
    assertEquals(Scenario.NOW, c.getLong("time_ms"));
    JsonObject counts = c.getJsonObject("counts");
    assertEquals(2, counts.getInteger("nodes_up"));
    assertEquals(0, counts.getInteger("nodes_down"));
    assertEquals(1, counts.getInteger("gpus_busy"));
    assertEquals(2, counts.getInteger("gpus_idle"));
    assertEquals(1, counts.getInteger("gpus_free"));
    assertEquals(0, counts.getInteger("gpus_stale"));

    JsonObject a = node(c, "node-a");
    assertEquals("up", a.getString("status"));
    assertEquals(0.25, a.getDouble("cpu_utilization_ratio"), 1e-6);
    assertEquals(0.75, a.getDouble("memory_used_ratio"), 1e-6);
    JsonObject busy = a.getJsonArray("gpus").getJsonObject(0);
    assertEquals(0, busy.getInteger("index"));
    assertEquals(GPU0, busy.getString("uuid"));
    assertEquals("00000000:10:00.0", busy.getString("pci_bus_id"));
    assertEquals("busy", busy.getString("state"));
    assertEquals(0.9, busy.getDouble("utilization"), 1e-6);
    assertEquals(40e9, busy.getDouble("memory_used_bytes"), 1e4);
    assertEquals(80e9, busy.getDouble("memory_total_bytes"), 1e4);
    assertEquals(350.0, busy.getDouble("power_watts"), 1e-3);
    assertEquals(65.0, busy.getDouble("temperature_celsius"), 1e-3);
    assertEquals("4711", busy.getJsonObject("job").getString("id"));
    assertEquals("alice", busy.getJsonObject("job").getString("user"));
    assertFalse(busy.getBoolean("memory_held_idle"));
    assertFalse(busy.getBoolean("unhealthy"));
    assertNull(busy.getValue("idle_since_ms"));

    JsonObject free = a.getJsonArray("gpus").getJsonObject(1);
    assertEquals("free", free.getString("state"));
    assertNull(free.getValue("job"));
    assertTrue(free.getBoolean("memory_held_idle"), "2 GB held at 0 %");
    assertNull(free.getValue("power_watts"), "not reported for GPU 1");

    JsonObject b = node(c, "node-b");
    for (Object g : b.getJsonArray("gpus")) {
      JsonObject gpu = (JsonObject) g;
      assertEquals("idle", gpu.getString("state"));
      assertEquals(T0 + 1000, gpu.getLong("idle_since_ms"), "first idle sample");
      assertEquals("idle-job", gpu.getJsonObject("job").getString("id"));
    }
  }

  @Test
  void silentAgentsMakeTheirGpusStale() {
    clock.advance(3_001); // three 1 s intervals without a frame
    JsonObject c = hub.get("/api/v1/cluster").json();
    assertEquals(0, c.getJsonObject("counts").getInteger("nodes_up"));
    assertEquals(2, c.getJsonObject("counts").getInteger("nodes_down"));
    assertEquals(4, c.getJsonObject("counts").getInteger("gpus_stale"));
    assertEquals("down", node(c, "node-a").getString("status"));
  }

  @Test
  void nodesListAndOneNode() {
    JsonArray nodes = hub.get("/api/v1/nodes").json().getJsonArray("nodes");
    assertEquals(2, nodes.size());
    JsonObject a = nodes.getJsonObject(0);
    assertEquals("node-a", a.getString("host"));
    assertEquals(2, a.getInteger("gpus"));
    assertEquals("agent-a", a.getString("agent_id"));
    assertTrue(a.getBoolean("connected"));
    assertEquals(Scenario.NOW, a.getLong("last_frame_ms"));

    JsonObject one = hub.get("/api/v1/nodes/node-a").json();
    JsonObject agent = one.getJsonObject("agent");
    assertEquals(8, agent.getInteger("frames_received"));
    assertEquals(1000, agent.getInteger("interval_ms"));
    assertEquals("boot-1", agent.getString("boot_id"));
    assertEquals("test-1.0", agent.getString("version"));
    assertTrue(
        agent.getDouble("clock_skew_ms") >= 1000 && agent.getDouble("clock_skew_ms") <= 8000);
    assertEquals("6.1.0", one.getJsonObject("attributes").getString("kernel"));
    assertEquals(2, one.getJsonArray("gpus").size());
    JsonObject disk = null;
    for (Object s : one.getJsonArray("series")) {
      if (((JsonObject) s).getString("metric").equals("disk_read_bytes_total")) {
        disk = (JsonObject) s;
      }
    }
    assertEquals("counter", disk.getString("type"));
    assertEquals(4096.0, disk.getDouble("value"), 1e-6, "counters show their per-second rate");
    assertEquals(T0 + 8000, disk.getLong("timestamp_ms"));

    TestHub.Response unknown = hub.get("/api/v1/nodes/nope");
    assertEquals(404, unknown.status());
    assertEquals("unknown host: nope", unknown.json().getString("error"));
  }

  @Test
  void jobsWithSummaries() {
    JsonArray running = hub.get("/api/v1/jobs?state=running").json().getJsonArray("jobs");
    assertEquals(2, running.size());
    JsonObject alice = hub.get("/api/v1/jobs/4711").json();
    assertEquals("alice", alice.getString("user"));
    assertEquals("llama-ft", alice.getString("name"));
    assertEquals("running", alice.getString("state"));
    assertEquals(T0, alice.getLong("start_ms"));
    assertNull(alice.getValue("end_ms"));
    assertEquals("cs101", alice.getJsonObject("attributes").getString("account"));
    assertEquals(new JsonArray().add("node-a"), alice.getJsonArray("nodes"));
    JsonObject gpu = alice.getJsonArray("gpus").getJsonObject(0);
    assertEquals(GPU0, gpu.getString("uuid"));
    assertEquals(0, gpu.getInteger("index"));
    JsonObject summary = alice.getJsonObject("summary");
    assertEquals(0.9, summary.getDouble("mean_gpu_utilization"), 1e-6);
    assertEquals(0.0, summary.getDouble("idle_gpu_minutes"), 1e-9);
    assertEquals(40e9, summary.getDouble("peak_memory_bytes"), 1e4);

    JsonObject idle = hub.get("/api/v1/jobs/idle-job").json().getJsonObject("summary");
    assertEquals(2 * Scenario.FRAMES / 60.0, idle.getDouble("idle_gpu_minutes"), 1e-9);
    assertEquals(0.0025, idle.getDouble("mean_gpu_utilization"), 1e-6);

    JsonArray finished = hub.get("/api/v1/jobs?state=finished").json().getJsonArray("jobs");
    assertEquals(1, finished.size());
    assertEquals("short", finished.getJsonObject(0).getString("id"));
    assertEquals(T0 + 5000, finished.getJsonObject(0).getLong("end_ms"));

    assertEquals(400, hub.get("/api/v1/jobs?state=queued").status());
    assertTrue(hub.get("/api/v1/jobs?state=queued").json().getString("error").contains("'state'"));
    assertEquals(404, hub.get("/api/v1/jobs/nope").status());
  }

  @Test
  void seriesOfAHost() {
    JsonObject r =
        hub.get(
                "/api/v1/series?host=node-a&metric=gpu_utilization_ratio&from="
                    + (T0 + 1000)
                    + "&to="
                    + (T0 + 8000))
            .json();
    assertEquals(1000, r.getLong("step_ms"));
    JsonArray series = r.getJsonArray("series");
    assertEquals(2, series.size());
    JsonObject s0 = series.getJsonObject(0);
    assertEquals(GPU0, s0.getJsonObject("labels").getString("gpu_uuid"));
    assertEquals(8, s0.getJsonArray("timestamps").size());
    assertEquals(0.9, s0.getJsonArray("values").getDouble(7), 1e-6);
    assertFalse(s0.containsKey("min"), "raw points have no min/max");

    JsonObject one =
        hub.get(
                "/api/v1/series?host=node-a&metric=gpu_utilization_ratio&label.gpu_uuid="
                    + GPU1
                    + "&from="
                    + T0
                    + "&to="
                    + (T0 + 8000))
            .json();
    assertEquals(1, one.getJsonArray("series").size());

    JsonArray rates =
        hub.get(
                "/api/v1/series?host=node-a&metric=disk_read_bytes_total&from="
                    + T0
                    + "&to="
                    + (T0 + 8000))
            .json()
            .getJsonArray("series")
            .getJsonObject(0)
            .getJsonArray("values");
    assertNull(rates.getValue(0), "a counter's first sample has no rate yet: a gap is null");
    assertEquals(4096.0, rates.getDouble(1), 1e-6);

    JsonObject limited =
        hub.get(
                "/api/v1/series?host=node-a&metric=gpu_utilization_ratio&from="
                    + T0
                    + "&to="
                    + (T0 + 8000)
                    + "&max_points=2")
            .json();
    assertTrue(limited.getJsonArray("series").getJsonObject(0).getJsonArray("values").size() <= 2);
  }

  @Test
  void seriesValuesArePrintedWithTheShortestDecimalOfTheirFloat() {
    // node-a's GPU 0 reports 0.9 and node-b's 0.005: stored as float32, whose widened doubles are
    // 0.8999999761581421 and 0.004999999888241291.
    String a =
        hub.get(
                "/api/v1/series?host=node-a&metric=gpu_utilization_ratio&label.gpu_uuid="
                    + GPU0
                    + "&from="
                    + (T0 + 1000)
                    + "&to="
                    + (T0 + 8000))
            .body();
    assertTrue(a.contains("\"values\":[0.9,0.9,0.9,0.9,0.9,0.9,0.9,0.9]"), a);
    String b =
        hub.get(
                "/api/v1/series?host=node-b&metric=gpu_utilization_ratio&label.gpu_uuid="
                    + GPU0
                    + "&from="
                    + (T0 + 1000)
                    + "&to="
                    + (T0 + 2000))
            .body();
    assertTrue(b.contains("\"values\":[0.005,0.005]"), b);
  }

  @Test
  void seriesOfAJobAreCutToTheGpusAndIntervalsItHeld() {
    JsonObject r =
        hub.get(
                "/api/v1/series?job=short&metric=gpu_utilization_ratio&from="
                    + T0
                    + "&to="
                    + (T0 + 8000))
            .json();
    JsonArray series = r.getJsonArray("series");
    assertEquals(1, series.size(), "only the GPU the job held");
    JsonObject s = series.getJsonObject(0);
    assertEquals("node-a", s.getString("host"));
    assertEquals(GPU1, s.getJsonObject("labels").getString("gpu_uuid"));
    assertEquals(
        new JsonArray().add(T0 + 3000).add(T0 + 4000).add(T0 + 5000), s.getJsonArray("timestamps"));

    JsonObject cpu =
        hub.get(
                "/api/v1/series?job=short&metric=cpu_seconds_total&from="
                    + T0
                    + "&to="
                    + (T0 + 8000))
            .json();
    assertEquals(2, cpu.getJsonArray("series").size(), "host series of the job's node, both modes");
    assertEquals(3, cpu.getJsonArray("series").getJsonObject(0).getJsonArray("timestamps").size());

    JsonObject idle =
        hub.get(
                "/api/v1/series?job=idle-job&metric=gpu_utilization_ratio&from="
                    + T0
                    + "&to="
                    + (T0 + 8000))
            .json();
    assertEquals(2, idle.getJsonArray("series").size());
    assertEquals("node-b", idle.getJsonArray("series").getJsonObject(0).getString("host"));
  }

  @Test
  void seriesParametersAreValidated() {
    assertBad("/api/v1/series?host=node-a", "'metric'");
    assertBad("/api/v1/series?metric=gpu_utilization_ratio", "'host' or 'job'");
    assertBad(
        "/api/v1/series?host=node-a&job=4711&metric=gpu_utilization_ratio", "'host' and 'job'");
    assertBad("/api/v1/series?host=node-a&metric=gpu%20util", "'metric'");
    assertBad("/api/v1/series?host=node-a&metric=m&from=abc", "'from'");
    assertBad("/api/v1/series?host=node-a&metric=m&from=10&to=5", "'from'");
    assertBad("/api/v1/series?host=node-a&metric=m&max_points=0", "'max_points'");
    assertBad("/api/v1/series?host=node-a&metric=m&max_points=10001", "'max_points'");
    assertBad("/api/v1/series?host=node-a&metric=m&label.bad-name=x", "'label.bad-name'");
    assertBad("/api/v1/series?host=node-a&metric=m&colour=red", "'colour'");
    assertEquals(404, hub.get("/api/v1/series?host=nope&metric=m").status());
    assertEquals(404, hub.get("/api/v1/series?job=nope&metric=m").status());
  }

  private void assertBad(String uri, String mentions) {
    TestHub.Response r = hub.get(uri);
    assertEquals(400, r.status(), uri);
    String error = r.json().getString("error");
    assertTrue(error.contains(mentions), error);
  }
}
