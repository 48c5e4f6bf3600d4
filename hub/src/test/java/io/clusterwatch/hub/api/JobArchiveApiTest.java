package io.clusterwatch.hub.api;

import static io.clusterwatch.hub.support.Scenario.T0;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job list's filters and paging, the report, and finished jobs after a restart, over real
 * sockets against a hub with a data directory, fed as in {@link Scenario} (job "short" finished).
 */
@ExtendWith(VertxExtension.class)
class JobArchiveApiTest {
  @TempDir Path data;
  private Vertx vertx;
  private TestHub hub;
  private MutableClock clock;
  private List<TestAgent> agents;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    this.vertx = vertx;
    clock = Scenario.clock();
    hub = new TestHub(vertx, HubConfig.defaults().withDataPath(data.toString()), clock);
    agents = new ArrayList<>(Scenario.feed(hub));
    hub.services.archive().whenArchived("short").toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() {
    agents.forEach(TestAgent::close);
  }

  @Test
  void aFinishedJobIsArchivedWithItsReportAndListedBesideTheRunningOnes() {
    assertTrue(Files.isRegularFile(data.resolve("jobs.sqlite")));
    JsonObject all = hub.get("/api/v1/jobs").json();
    assertEquals(List.of("short", "4711", "idle-job"), ids(all), "newest start first, then id");
    assertNull(all.getValue("next_cursor"));
    JsonObject shortJob = all.getJsonArray("jobs").getJsonObject(0);
    assertEquals("finished", shortJob.getString("state"));
    assertEquals(T0 + 5000, shortJob.getLong("end_ms"));
    assertEquals(GPU1, shortJob.getJsonArray("gpus").getJsonObject(0).getString("uuid"));
    assertEquals(2.0 / 3600, shortJob.getJsonObject("summary").getDouble("gpu_hours"), 1e-9);

    JsonObject report = hub.get("/api/v1/jobs/short/report").json();
    assertEquals("carol", report.getString("user"));
    JsonObject r = report.getJsonObject("report");
    assertTrue(r.getBoolean("final"));
    assertEquals(1, r.getInteger("gpus_allocated"));
    assertEquals(0.0, r.getDouble("mean_gpu_utilization"), 1e-9, "GPU 1 of node-a stays at 0 %");
    assertEquals(
        r.getDouble("gpu_hours"),
        r.getDouble("idle_gpu_hours"),
        1e-9,
        "idle all the time it was held");
    assertEquals(0.01, r.getDouble("idle_threshold_ratio"));

    JsonObject running = hub.get("/api/v1/jobs/idle-job/report").json().getJsonObject("report");
    assertFalse(running.getBoolean("final"), "a running job's report is computed now");
    assertEquals(2, running.getInteger("gpus_allocated"));
    assertEquals(0.0025, running.getDouble("mean_gpu_utilization"), 1e-6);
    assertEquals(0.0025, running.getDouble("median_gpu_utilization"), 0.0026);

    TestHub.Response unknown = hub.get("/api/v1/jobs/nope/report");
    assertEquals(404, unknown.status());
    assertEquals("unknown job: nope", unknown.json().getString("error"));
  }

  @Test
  void filtersAndPaging() {
    assertEquals(List.of("4711"), ids(hub.get("/api/v1/jobs?user=alice").json()));
    assertEquals(List.of("4711"), ids(hub.get("/api/v1/jobs?account=cs101&partition=gpu").json()));
    assertEquals(List.of("short"), ids(hub.get("/api/v1/jobs?state=finished").json()));
    assertEquals(
        List.of("4711", "idle-job"),
        ids(hub.get("/api/v1/jobs?since=" + (T0 + 6000)).json()),
        "short ended before");
    assertEquals(
        List.of(),
        ids(hub.get("/api/v1/jobs?until=1970-01-02").json()),
        "nothing started before 2 January 1970");
    assertEquals(
        List.of("short", "4711", "idle-job"), ids(hub.get("/api/v1/jobs?since=7d").json()));

    List<String> paged = new ArrayList<>();
    String uri = "/api/v1/jobs?limit=1";
    for (int i = 0; i < 3; i++) {
      JsonObject page = hub.get(uri).json();
      paged.addAll(ids(page));
      String next = page.getString("next_cursor");
      if (i < 2) {
        uri = "/api/v1/jobs?limit=1&cursor=" + next;
      } else {
        assertNull(next, "the last page has no next cursor");
      }
    }
    assertEquals(List.of("short", "4711", "idle-job"), paged);

    assertBad("/api/v1/jobs?limit=0", "'limit'");
    assertBad("/api/v1/jobs?limit=1001", "'limit'");
    assertBad("/api/v1/jobs?since=yesterday", "'since'");
    assertBad("/api/v1/jobs?cursor=abc", "'cursor'");
    assertBad("/api/v1/jobs?owner=alice", "'owner'");
  }

  @Test
  void afterARestartOnTheSameDataDirectoryAFinishedJobAndItsReportAreThere() throws Exception {
    JsonObject before = hub.get("/api/v1/jobs/short/report").json();
    agents.forEach(TestAgent::close);
    agents.clear();
    hub.stop();
    hub = new TestHub(vertx, HubConfig.defaults().withDataPath(data.toString()), clock);

    JsonObject job = hub.get("/api/v1/jobs/short").json();
    assertEquals("finished", job.getString("state"));
    assertEquals("probe", job.getString("name"));
    assertEquals(new JsonArray().add("node-a"), job.getJsonArray("nodes"));
    JsonObject after = hub.get("/api/v1/jobs/short/report").json();
    assertEquals(before.getJsonObject("report"), after.getJsonObject("report"));
    assertEquals(before.getJsonObject("summary"), after.getJsonObject("summary"));
    assertEquals(
        List.of("short"), ids(hub.get("/api/v1/jobs").json()), "running jobs were not archived");
    // The job's series are still in the hub's store range: the query joins the archived timeline.
    assertEquals(
        200,
        hub.get(
                "/api/v1/series?job=short&metric=gpu_utilization_ratio&from="
                    + T0
                    + "&to="
                    + Scenario.NOW)
            .status());
  }

  private void assertBad(String uri, String mentions) {
    TestHub.Response r = hub.get(uri);
    assertEquals(400, r.status(), uri);
    assertTrue(r.json().getString("error").contains(mentions), r.body());
  }

  private static List<String> ids(JsonObject page) {
    List<String> out = new ArrayList<>();
    for (Object o : page.getJsonArray("jobs")) {
      out.add(((JsonObject) o).getString("id"));
    }
    return out;
  }
}
