package io.clusterwatch.e2e.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.e2e.process.ChildProcess;
import io.clusterwatch.e2e.process.JavaLauncher;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hub killed with {@code kill -9} while simulated agents stream, restarted on the same data
 * directory and port: every second of a series' window, before, across and after the crash, is
 * there exactly once (the write-ahead log kept what was acknowledged; the agents resent the rest).
 */
@Timeout(300)
class HubCrashSystemTest {
  private static final String HUB_MAIN = "io.clusterwatch.hub.HubMain";
  private static final String SIMULATOR_MAIN = "io.clusterwatch.simulator.SimulatorCommand";
  private static final String HOST = "gpu-node-01";
  private static final Duration START = Duration.ofSeconds(90);

  /** Seconds of history stored before the crash, and after the restart. */
  private static final int BEFORE = 8;

  private static final int AFTER = 5;

  @TempDir Path data;
  private final List<ChildProcess> processes = new ArrayList<>();
  private final List<LiveFeed> feeds = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (LiveFeed f : feeds) {
      f.close();
    }
    for (int i = processes.size() - 1; i >= 0; i--) {
      processes.get(i).close();
    }
  }

  private ChildProcess hub(JavaLauncher java, int port) throws Exception {
    ChildProcess hub =
        java.start(
            "hub", HUB_MAIN, List.of("--port", Integer.toString(port), "--data", data.toString()));
    processes.add(hub);
    hub.awaitLine(Pattern.compile("listening on http://"), START);
    return hub;
  }

  @Test
  void everySecondOfTheWindowIsThereExactlyOnceAfterAKillDashNine() throws Exception {
    Prerequisite.require(
        JavaLauncher.hasClass(SIMULATOR_MAIN) && JavaLauncher.hasClass(HUB_MAIN),
        "the simulator's and the hub's entry points (" + SIMULATOR_MAIN + ", " + HUB_MAIN + ")");
    JavaLauncher java = JavaLauncher.current();
    int port = freePort();
    HubClient api = new HubClient("http://127.0.0.1:" + port);
    ChildProcess first = hub(java, port);
    LiveFeed live = feed(port);
    ChildProcess agents =
        java.start(
            "simulator",
            SIMULATOR_MAIN,
            List.of(
                "2",
                "--seed",
                "3",
                "--hub",
                "ws://127.0.0.1:" + port + "/ingest",
                "--interval",
                "1s"));
    processes.add(0, agents);

    JsonObject before = await(api, live, s -> points(s) >= BEFORE);
    long firstSecond = firstTimestamp(before);
    first.kill();
    feeds.remove(live);
    live.close();

    ChildProcess second = hub(java, port);
    second.awaitLine(
        Pattern.compile("data directory .* ready in \\d+ ms: replayed \\d+ log records"), START);
    LiveFeed again = feed(port);
    long restartedAt = System.currentTimeMillis();
    await(api, again, s -> lastTimestamp(s) >= restartedAt + AFTER * 1000L);

    long to = (restartedAt / 1000) * 1000 + AFTER * 1000L;
    JsonObject window =
        api.json(
            "/api/v1/series?host="
                + HOST
                + "&metric=gpu_power_watts&label.gpu=0&from="
                + firstSecond
                + "&to="
                + to
                + "&max_points=10000");
    JsonObject series = window.getJsonArray("series").getJsonObject(0);
    assertEquals(1000, series.getLong("step_ms"), series.encode());
    JsonArray ts = series.getJsonArray("timestamps");
    JsonArray values = series.getJsonArray("values");
    long expected = (to - firstSecond) / 1000 + 1;
    assertEquals(expected, ts.size(), "one point per second of the window: " + series.encode());
    for (int i = 0; i < ts.size(); i++) {
      assertEquals(firstSecond + 1000L * i, ts.getLong(i), "second " + i);
      assertNotNull(
          values.getValue(i),
          "second "
              + i
              + " of "
              + ts.size()
              + " (crash after "
              + (before.getJsonArray("series").getJsonObject(0).getJsonArray("timestamps").size())
              + "): "
              + series.encode()
              + "\nhub output:\n"
              + second.output());
    }
    String metrics = api.text("/metrics");
    assertTrue(metrics.contains("clusterwatch_store_write_errors_total 0.0"), metrics);
  }

  private LiveFeed feed(int port) throws Exception {
    LiveFeed f = new LiveFeed("ws://127.0.0.1:" + port);
    feeds.add(f);
    return f;
  }

  /** GPU 0's power over the last 10 minutes, re-asked at every /live push until {@code ready}. */
  private static JsonObject await(
      HubClient api, LiveFeed live, java.util.function.Predicate<JsonObject> ready)
      throws Exception {
    long deadline = System.nanoTime() + START.toNanos();
    while (true) {
      var answer =
          api.get(
              "/api/v1/series?host="
                  + HOST
                  + "&metric=gpu_power_watts&label.gpu=0"
                  + "&max_points=10000&from="
                  + (System.currentTimeMillis() - 600_000));
      // 404 until the agents' hello reached this hub
      JsonObject s = answer.statusCode() == 200 ? new JsonObject(answer.body()) : null;
      if (s != null && !s.getJsonArray("series").isEmpty() && ready.test(s)) {
        return s;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("never ready: " + answer.statusCode() + " " + answer.body());
      }
      live.next(Duration.ofSeconds(30));
    }
  }

  private static JsonArray valuesOf(JsonObject s) {
    return s.getJsonArray("series").getJsonObject(0).getJsonArray("values");
  }

  private static JsonArray timestampsOf(JsonObject s) {
    return s.getJsonArray("series").getJsonObject(0).getJsonArray("timestamps");
  }

  /** Points holding a value. */
  private static int points(JsonObject s) {
    int n = 0;
    for (Object v : valuesOf(s)) {
      if (v != null) {
        n++;
      }
    }
    return n;
  }

  private static long firstTimestamp(JsonObject s) {
    JsonArray v = valuesOf(s);
    for (int i = 0; i < v.size(); i++) {
      if (v.getValue(i) != null) {
        return timestampsOf(s).getLong(i);
      }
    }
    throw new AssertionError("no value yet: " + s.encode());
  }

  private static long lastTimestamp(JsonObject s) {
    JsonArray v = valuesOf(s);
    for (int i = v.size() - 1; i >= 0; i--) {
      if (v.getValue(i) != null) {
        return timestampsOf(s).getLong(i);
      }
    }
    return 0;
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
