package io.clusterwatch.hub.alerts;

import static io.clusterwatch.hub.alerts.AlertNode.HOST;
import static io.clusterwatch.hub.alerts.AlertNode.JOB;
import static io.clusterwatch.hub.alerts.AlertNode.T0;
import static io.clusterwatch.hub.support.TestTables.GPU0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.hub.config.HubConfig;
import io.clusterwatch.hub.config.HubConfigReader;
import io.clusterwatch.hub.metrics.ExpositionLint;
import io.clusterwatch.hub.support.MutableClock;
import io.clusterwatch.hub.support.TestHub;
import io.clusterwatch.hub.support.TestLiveClient;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The rules wired into a real hub on port 0: alerts from frames sent over /ingest, evaluated at
 * times set on the hub's clock, seen through /api/v1, /live, /metrics and a webhook.
 */
@ExtendWith(VertxExtension.class)
class AlertsTest {
  /** Short hold times; the periodic evaluation is pushed out of the way so the test drives it. */
  private static final String RULES =
      String.join(
          "\n",
          "rules:",
          "  evaluation_interval: 1h",
          "  idle:",
          "    low_util_for: 30s",
          "    no_process_for: 1h");

  private TestHub hub;
  private MutableClock clock;
  private AlertNode node;

  private void start(Vertx vertx, String yaml) {
    clock = new MutableClock(T0);
    HubConfig config = new HubConfigReader().read(yaml, "test.yaml");
    hub = new TestHub(vertx, config, clock);
    node = new AlertNode(hub, clock);
  }

  @AfterEach
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  private void evaluate() {
    hub.services.alerts().evaluate(hub.vertx).await();
  }

  private JsonArray alerts(String query) {
    TestHub.Response r = hub.get("/api/v1/alerts" + query);
    assertEquals(200, r.status(), r.body());
    return r.json().getJsonArray("alerts");
  }

  private static JsonObject only(JsonArray alerts, String rule) {
    List<JsonObject> found = new ArrayList<>();
    for (Object o : alerts) {
      if (rule.equals(((JsonObject) o).getString("rule"))) {
        found.add((JsonObject) o);
      }
    }
    assertEquals(1, found.size(), rule + " in " + alerts.encodePrettily());
    return found.get(0);
  }

  private static boolean has(JsonArray alerts, String rule) {
    return alerts.stream().anyMatch(o -> rule.equals(((JsonObject) o).getString("rule")));
  }

  @Test
  void idleGpuFiresAfterItsHoldTimeAndResolvesWhenBusy(Vertx vertx) {
    start(vertx, RULES);
    node.frame(1, 0.0, 1, 0);
    evaluate();
    JsonObject pending = only(alerts("?state=pending"), "gpu_process_idle");
    JsonObject labels = pending.getJsonObject("labels");
    assertEquals(GPU0, labels.getString("gpu_uuid"));
    assertEquals(JOB, labels.getString("job_id"));
    assertEquals("alice", labels.getString("user"));
    assertEquals("cs-ml", labels.getString("account"));
    assertEquals("gpu", labels.getString("partition"));
    assertEquals(T0 + 1000, pending.getLong("active_at_ms"));
    assertEquals("idle", pending.getString("group"));

    for (int s = 2; s <= 30; s++) {
      node.frame(s, 0.0, 1, 0);
    }
    evaluate();
    assertEquals(
        "pending",
        only(alerts(""), "gpu_process_idle").getString("state"),
        "29 s is under the 30 s hold");
    assertEquals(
        0, hub.get("/api/v1/cluster").json().getJsonObject("counts").getInteger("alerts_firing"));

    node.frame(31, 0.0, 1, 0);
    evaluate();
    JsonObject firing =
        only(alerts("?state=firing&host=" + HOST + "&group=idle"), "gpu_process_idle");
    assertEquals(T0 + 31_000, firing.getLong("fired_at_ms"));
    assertEquals(
        1, hub.get("/api/v1/cluster").json().getJsonObject("counts").getInteger("alerts_firing"));
    assertEquals(1, alerts("?job=" + JOB).size());
    assertEquals(0, alerts("?host=node-b").size());
    assertEquals(0, alerts("?group=health").size());

    String metrics = hub.get("/metrics").body();
    assertEquals(List.of(), ExpositionLint.check(metrics));
    assertTrue(
        metrics.contains(
            "clusterwatch_alerts{group=\"idle\",host=\"node-a\",rule=\"gpu_process_idle\","
                + "severity=\"warning\",state=\"firing\"} 1.0"),
        metrics);
    assertTrue(metrics.contains("clusterwatch_hub_rules_evaluation_seconds_count 3"), metrics);

    node.frame(32, 0.8, 1, 0);
    evaluate();
    assertTrue(
        !has(alerts(""), "gpu_process_idle"), "resolved alerts are listed only when asked for");
    JsonObject resolved = only(alerts("?state=resolved"), "gpu_process_idle");
    assertEquals(T0 + 32_000, resolved.getLong("resolved_at_ms"));
    assertEquals(
        0, hub.get("/api/v1/cluster").json().getJsonObject("counts").getInteger("alerts_firing"));
  }

  @Test
  void anAllocatedGpuWithoutProcessesFiresFromTheAgentsProcessCount(Vertx vertx) {
    start(
        vertx,
        String.join(
            "\n", "rules:", "  evaluation_interval: 1h", "  idle:", "    no_process_for: 10s"));
    node.frame(1, 0.0, 0, 0);
    evaluate();
    assertEquals("pending", only(alerts(""), "gpu_allocated_no_process").getString("state"));
    node.frame(11, 0.0, 0, 0);
    evaluate();
    JsonObject firing = only(alerts("?state=firing"), "gpu_allocated_no_process");
    assertEquals(GPU0, firing.getJsonObject("labels").getString("gpu_uuid"));
    assertEquals("0", firing.getJsonObject("labels").getString("gpu"));
    assertTrue(
        !has(alerts(""), "gpu_process_idle"),
        "no process: the low-utilisation rule does not apply");
    JsonObject reason =
        hub.get("/api/v1/idle?group_by=partition").json().getJsonArray("groups").getJsonObject(0);
    assertEquals("gpu", reason.getString("key"));
    assertEquals(
        firing.getString("summary"),
        reason.getJsonArray("gpus").getJsonObject(0).getString("reason"));
    node.frame(12, 0.0, 2, 0);
    evaluate();
    assertEquals(
        "resolved", only(alerts("?state=resolved"), "gpu_allocated_no_process").getString("state"));
  }

  @Test
  void idleBoardGroupsIdleGpusByAccountWithWastedMinutes(Vertx vertx) {
    start(vertx, RULES);
    for (int s = 1; s <= 30; s++) {
      node.frame(s, 0.0, 1, 0);
    }
    evaluate();
    JsonObject board = hub.get("/api/v1/idle?group_by=account").json();
    assertEquals("account", board.getString("group_by"));
    JsonArray groups = board.getJsonArray("groups");
    assertEquals(1, groups.size(), groups.encodePrettily());
    JsonObject group = groups.getJsonObject(0);
    assertEquals("cs-ml", group.getString("key"));
    assertEquals(1, group.getInteger("idle_gpus"), "GPU 1 is busy");
    // 30 idle one-second samples of GPU 0 within the job: 0.5 GPU-minutes.
    assertEquals(0.5, group.getDouble("wasted_gpu_minutes"), 1e-9);
    JsonObject gpu = group.getJsonArray("gpus").getJsonObject(0);
    assertEquals(GPU0, gpu.getString("gpu_uuid"));
    assertEquals(0, gpu.getInteger("gpu_index"));
    assertEquals(JOB, gpu.getString("job_id"));
    assertEquals("alice", gpu.getString("user"));
    assertEquals("llama-ft", gpu.getString("job_name"));
    assertEquals(20e9, gpu.getDouble("memory_used_bytes"), 1e4);
    assertEquals(0.5, gpu.getDouble("wasted_gpu_minutes"), 1e-9);

    assertEquals(
        "alice",
        hub.get("/api/v1/idle?group_by=user")
            .json()
            .getJsonArray("groups")
            .getJsonObject(0)
            .getString("key"));
    assertEquals(
        "",
        hub.get("/api/v1/idle?group_by=reservation")
            .json()
            .getJsonArray("groups")
            .getJsonObject(0)
            .getString("key"),
        "no reservation: the group \"\"");
    assertEquals(400, hub.get("/api/v1/idle?group_by=colour").status());
  }

  @Test
  void xidFiresAHealthAlertSeenByJobEventsLiveClientsAndTheWebhook(Vertx vertx) throws Exception {
    BlockingQueue<JsonObject> posts = new LinkedBlockingQueue<>();
    HttpServer receiver =
        vertx
            .createHttpServer()
            .requestHandler(
                req ->
                    req.body()
                        .onSuccess(
                            b -> {
                              posts.add(new JsonObject(b.toString()));
                              req.response().setStatusCode(204).end();
                            }))
            .listen(0)
            .await();
    start(
        vertx,
        RULES
            + "\n  webhooks:\n    - {url: \"http://localhost:"
            + receiver.actualPort()
            + "/hook\", groups: [health]}");
    try (TestLiveClient live = TestLiveClient.connect(vertx, hub.port())) {
      live.subscribe("job:" + JOB);
      live.next("snapshot");
      assertEquals(
          0,
          live.next("alerts").getJsonArray("alerts").size(),
          "alerts come once after the snapshot");

      node.frame(1, 0.9, 1, 0);
      node.frame(2, 0.9, 1, 1);
      evaluate();
      JsonObject xid = only(alerts("?group=health"), "gpu_xid");
      assertEquals("firing", xid.getString("state"));
      assertEquals("critical", xid.getString("severity"), "XID 79 is fatal in DCGM's table");
      assertEquals("79", xid.getJsonObject("labels").getString("xid"));
      assertEquals(JOB, xid.getJsonObject("labels").getString("job_id"));

      JsonObject pushed =
          live.next(
              m ->
                  "alerts".equals(m.getString("type")) && has(m.getJsonArray("alerts"), "gpu_xid"));
      assertEquals("firing", only(pushed.getJsonArray("alerts"), "gpu_xid").getString("state"));

      JsonObject post = posts.poll(10, TimeUnit.SECONDS);
      assertTrue(post != null, "the webhook got no POST");
      assertEquals("health", post.getString("group"));
      assertEquals("gpu_xid", post.getJsonArray("alerts").getJsonObject(0).getString("rule"));
      assertEquals("firing", post.getJsonArray("alerts").getJsonObject(0).getString("state"));
    }

    // A second later the counter no longer rises, but the XID stays firing for its window, and the
    // GPU stays flagged with it.
    node.frame(3, 0.9, 1, 1);
    evaluate();
    JsonObject gpu0 =
        hub.get("/api/v1/cluster")
            .json()
            .getJsonArray("nodes")
            .getJsonObject(0)
            .getJsonArray("gpus")
            .getJsonObject(0);
    assertEquals(GPU0, gpu0.getString("uuid"));
    assertTrue(gpu0.getBoolean("unhealthy"));
    assertTrue(gpu0.getJsonArray("unhealthy_reasons").contains("xid"), gpu0.encode());

    JsonObject job = hub.get("/api/v1/jobs/" + JOB).json();
    JsonArray events = job.getJsonArray("events");
    assertEquals(1, events.size(), events.encodePrettily());
    JsonObject event = events.getJsonObject(0);
    assertEquals("alert_fired", event.getString("kind"));
    assertEquals("gpu_xid", event.getString("rule"));
    assertEquals(T0 + 2000, event.getLong("time_ms"));
    assertEquals(HOST, event.getString("host"));
    assertEquals(GPU0, event.getString("gpu_uuid"));
    assertEquals("critical", event.getString("severity"));
    assertEquals(0, job.getJsonArray("hints").size());
    receiver.close().await();
  }

  @Test
  void webhooksRunOnTheHubsVertxWithoutAThreadOfTheirOwn(Vertx vertx) throws Exception {
    BlockingQueue<String> posts = new LinkedBlockingQueue<>();
    HttpServer receiver =
        vertx
            .createHttpServer()
            .requestHandler(
                req ->
                    req.body()
                        .onSuccess(
                            b -> {
                              posts.add(b.toString());
                              req.response().setStatusCode(204).end();
                            }))
            .listen(0)
            .await();
    start(
        vertx,
        RULES
            + "\n  webhooks:\n    - {url: \"http://localhost:"
            + receiver.actualPort()
            + "/hook\", groups: [health]}");
    node.frame(1, 0.9, 1, 0);
    node.frame(2, 0.9, 1, 1);
    evaluate();
    assertTrue(posts.poll(10, TimeUnit.SECONDS) != null, "the webhook got no POST");
    List<String> own =
        Thread.getAllStackTraces().keySet().stream()
            .map(Thread::getName)
            .filter(n -> n.contains("webhook"))
            .toList();
    assertEquals(List.of(), own, "webhooks send from Vert.x event loops");
    receiver.close().await();
  }

  @Test
  void aSilentAgentFiresAgentSilent(Vertx vertx) {
    start(vertx, RULES);
    node.frame(1, 0.9, 1, 0);
    evaluate();
    assertTrue(!has(alerts(""), "agent_silent"));
    clock.set(T0 + 1000 + 3000);
    evaluate();
    assertTrue(
        !has(alerts(""), "agent_silent"), "3 intervals of silence is the limit, not over it");
    clock.set(T0 + 1000 + 3001);
    evaluate();
    JsonObject silent = only(alerts("?state=firing"), "agent_silent");
    assertEquals("critical", silent.getString("severity"));
    assertEquals(HOST, silent.getJsonObject("labels").getString("host"));
    assertNull(silent.getJsonObject("labels").getString("job_id"));
  }

  @Test
  void badAlertQueriesAreRefused(Vertx vertx) {
    start(vertx, RULES);
    assertEquals(400, hub.get("/api/v1/alerts?state=gone").status());
    assertEquals(400, hub.get("/api/v1/alerts?group=hints").status());
    assertEquals(400, hub.get("/api/v1/alerts?colour=red").status());
    assertEquals(404, hub.get("/api/v1/alerts?job=nope").status());
  }
}
