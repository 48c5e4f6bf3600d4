package io.clusterwatch.hub.api;

import static io.clusterwatch.hub.support.Scenario.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.hub.config.HubConfig;
import io.clusterwatch.hub.support.MutableClock;
import io.clusterwatch.hub.support.StreamedJob;
import io.clusterwatch.hub.support.TestAgent;
import io.clusterwatch.hub.support.TestHub;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code GET /api/v1/series/batch} against a hub fed two minutes of a node by a real agent
 * connection: each answer is the single request's body, {@code when_empty} answers a query only
 * after earlier ones matched nothing, and bad input is a 400 naming the query.
 */
@ExtendWith(VertxExtension.class)
class SeriesBatchApiTest {
  private static final int FRAMES = 120;
  private static final long TO = T0 + FRAMES * 1000L;
  private static final String RANGE = "&from=" + T0 + "&to=" + TO + "&max_points=50";

  private TestHub hub;
  private TestAgent agent;

  @BeforeEach
  void start(Vertx vertx) {
    hub = new TestHub(vertx, HubConfig.defaults(), new MutableClock(TO + 1000));
    agent = StreamedJob.stream(hub, FRAMES, seq -> (seq % 7) / 7.0);
  }

  @AfterEach
  void stop() {
    agent.close();
  }

  private static String batch(String... queries) {
    StringBuilder path = new StringBuilder("/api/v1/series/batch");
    char sep = '?';
    for (String q : queries) {
      path.append(sep).append("q=").append(URLEncoder.encode(q, StandardCharsets.UTF_8));
      sep = '&';
    }
    return path.toString();
  }

  private JsonArray answers(String... queries) {
    TestHub.Response r = hub.get(batch(queries));
    assertEquals(200, r.status(), r.body());
    JsonArray list = r.json().getJsonArray("answers");
    assertEquals(queries.length, list.size(), r.body());
    return list;
  }

  @Test
  void eachAnswerIsTheSingleRequestsBody() {
    List<String> queries =
        List.of(
            "job=4711&metric=gpu_utilization_ratio" + RANGE + "&format=compact&bands=false",
            "host=node-a&metric=gpu_memory_used_bytes" + RANGE,
            "job=4711&metric=no_such_metric" + RANGE);
    JsonArray list = answers(queries.toArray(String[]::new));
    for (int i = 0; i < queries.size(); i++) {
      TestHub.Response single = hub.get("/api/v1/series?" + queries.get(i));
      assertEquals(200, single.status(), single.body());
      assertEquals(single.json(), list.getJsonObject(i), queries.get(i));
    }
    assertTrue(list.getJsonObject(0).getJsonArray("series").size() > 0, list.encode());
    assertTrue(list.getJsonObject(2).getJsonArray("series").isEmpty(), list.encode());
  }

  @Test
  void whenEmptyAnswersOnlyAfterEarlierQueriesMatchedNothing() {
    JsonArray list =
        answers(
            "job=4711&metric=job_cpu_seconds_total" + RANGE,
            "job=4711&metric=job_memory_bytes" + RANGE,
            "job=4711&metric=gpu_utilization_ratio" + RANGE + "&when_empty=0,1",
            "job=4711&metric=gpu_memory_used_bytes" + RANGE + "&when_empty=2");
    JsonObject fallback = list.getJsonObject(2);
    assertTrue(fallback.getJsonArray("series").size() > 0, "the job's own matched nothing");
    assertEquals(new JsonObject().put("skipped", true), list.getJsonObject(3));
  }

  @Test
  void oneQuerysErrorIsItsOwnAnswer() {
    JsonArray list =
        answers(
            "host=no-such-host&metric=gpu_utilization_ratio",
            "job=no-such-job&metric=gpu_utilization_ratio",
            "host=node-a&metric=gpu_utilization_ratio&when_empty=0");
    assertEquals(
        new JsonObject().put("error", "unknown host: no-such-host").put("status", 404),
        list.getJsonObject(0));
    assertEquals(
        new JsonObject().put("error", "unknown job: no-such-job").put("status", 404),
        list.getJsonObject(1));
    assertEquals(
        new JsonObject().put("skipped", true),
        list.getJsonObject(2),
        "a query that failed is not one that matched nothing");
  }

  @Test
  void badInputIsA400NamingWhatWasWrong() {
    String ok = URLEncoder.encode("host=node-a&metric=m", StandardCharsets.UTF_8);
    String[][] cases = {
      {"/api/v1/series/batch", "parameter 'q' is required"},
      {"/api/v1/series/batch?q=" + ok + "&metric=m", "unknown parameter 'metric'"},
      {batch("host=node-a&metric=m", "host=node-a"), "query 1: parameter 'metric' is required"},
      {batch("host=node-a&metric=m&when_empty=0"), "query 0: 'when_empty' names earlier"},
      {batch("host=node-a&metric=m", "host=node-a&metric=m&when_empty=x"), "got 'x'"},
      {batch("host=node-a&metric=m&colour=red"), "query 0: unknown parameter 'colour'"},
      {"/api/v1/series/batch?q=" + ok + ("&q=" + ok).repeat(64), "at most 64 queries"},
    };
    for (String[] c : cases) {
      TestHub.Response r = hub.get(c[0]);
      assertEquals(400, r.status(), c[0] + " " + r.body());
      assertTrue(r.json().getString("error").contains(c[1]), c[0] + " " + r.body());
    }
  }
}
