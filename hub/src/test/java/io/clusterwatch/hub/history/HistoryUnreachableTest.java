package io.clusterwatch.hub.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.hub.config.HubConfig;
import io.clusterwatch.hub.support.Scenario;
import io.clusterwatch.hub.support.TestAgent;
import io.clusterwatch.hub.support.TestHub;
import io.clusterwatch.hub.support.TestTables;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A range older than the hub's tiers asks the history database; when the database cannot be reached
 * or answers with an error, the hub still answers 200 with its own part (every point sourced "hub")
 * and a top-level "warning" saying what failed, over real sockets.
 */
@ExtendWith(VertxExtension.class)
class HistoryUnreachableTest {
  /** Before the longest default retention (365 d of the 60 s tier): the database is asked. */
  static final long FROM = Scenario.NOW - Duration.ofDays(400).toMillis();

  private static JsonObject seriesOlderThanTheHub(Vertx vertx, String promqlUrl) {
    HubConfig config =
        HubConfig.defaults()
            .withHistory(new HistorySettings(promqlUrl, Duration.ofSeconds(2), null, null));
    TestHub hub = new TestHub(vertx, config, Scenario.clock());
    List<TestAgent> agents = Scenario.feed(hub);
    try {
      TestHub.Response r =
          hub.get(
              "/api/v1/series?host=node-a&metric=gpu_utilization_ratio&from="
                  + FROM
                  + "&to="
                  + Scenario.NOW);
      assertEquals(200, r.status(), r.body());
      return r.json();
    } finally {
      agents.forEach(TestAgent::close);
      hub.stop();
    }
  }

  private static void assertHubPartOnly(JsonObject body) {
    JsonArray series = body.getJsonArray("series");
    assertEquals(2, series.size(), "both GPUs of node-a, from the hub: " + body);
    for (Object o : series) {
      JsonObject s = (JsonObject) o;
      assertEquals("hub", s.getString("source"));
      assertTrue(s.getJsonArray("values").size() > 0, "the hub's points are there: " + s);
    }
    assertEquals(
        TestTables.GPU0, series.getJsonObject(0).getJsonObject("labels").getString("gpu_uuid"));
  }

  @Test
  void aDatabaseThatCannotBeReachedLeavesTheHubsPartWithAWarning(Vertx vertx) {
    HttpServer gone = vertx.createHttpServer().requestHandler(r -> {}).listen(0).await();
    int port = gone.actualPort();
    gone.close().await(); // nothing listens there any more: connection refused

    JsonObject body = seriesOlderThanTheHub(vertx, "http://127.0.0.1:" + port);

    assertHubPartOnly(body);
    String warning = body.getString("warning");
    assertTrue(warning != null && !warning.isBlank(), "a warning says why: " + body);
  }

  @Test
  void aDatabaseAnsweringAnErrorLeavesTheHubsPartWithItsReason(Vertx vertx) {
    HttpServer failing =
        vertx
            .createHttpServer()
            .requestHandler(
                r ->
                    r.response()
                        .setStatusCode(503)
                        .putHeader("Content-Type", "application/json")
                        .end("{\"status\":\"error\",\"error\":\"storage is starting up\"}"))
            .listen(0)
            .await();
    try {
      JsonObject body = seriesOlderThanTheHub(vertx, "http://127.0.0.1:" + failing.actualPort());

      assertHubPartOnly(body);
      assertTrue(
          body.getString("warning", "").contains("storage is starting up")
              || body.getString("warning", "").contains("503"),
          "the warning carries the database's answer: " + body);
    } finally {
      failing.close().await();
    }
  }
}
