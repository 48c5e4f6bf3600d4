package io.clusterwatch.hub.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterwatch.hub.config.HubConfigReader;
import io.clusterwatch.hub.support.MutableClock;
import io.clusterwatch.hub.support.Scenario;
import io.clusterwatch.hub.support.TestAgent;
import io.clusterwatch.hub.support.TestHub;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A hub in {@code auth.mode: proxy} fed with the jobs of {@link Scenario} and {@link HealthNode},
 * its alerts evaluated once, for the role tests over HTTP ({@link RoleAccessTest}) and over /live
 * ({@link LiveRoleAccessTest}). The proxy's header is sent from 127.0.0.1 (trusted). The jobs are
 * {@link Scenario}'s: 4711 of alice in account cs101, idle-job of bob (no account), short of carol
 * (ended); and on {@link HealthNode} bob's job train-7 (account cs202) with an idle GPU and an XID
 * error. tina is an instructor of cs101 through the group {@code @teachers}; root is an operator.
 */
final class RoleAccessHub implements AutoCloseable {
  static final String METRICS_TOKEN = "s3cret-scrape-token";

  final Vertx vertx;
  final MutableClock clock;
  final TestHub hub;
  private final List<TestAgent> agents;
  private final TestAgent nodeC;

  /**
   * Starts the hub and feeds it.
   *
   * @param dir where the metrics token file is written
   */
  RoleAccessHub(Path dir) throws Exception {
    vertx = Vertx.vertx();
    clock = Scenario.clock();
    Path token = Files.writeString(dir.resolve("metrics.token"), METRICS_TOKEN + "\n");
    hub =
        new TestHub(
            vertx,
            new HubConfigReader().read(config(token, "['127.0.0.1/32', '::1/128']"), "test.yaml"),
            clock);
    agents = Scenario.feed(hub);
    nodeC = HealthNode.feed(hub);
    hub.services.alerts().evaluate(vertx).await();
  }

  @Override
  public void close() {
    agents.forEach(TestAgent::close);
    nodeC.close();
    hub.stop();
    vertx.close().await();
  }

  /** The configuration of a class hub behind a front end on this machine. */
  static String config(Path tokenFile, String trustedProxies) {
    return String.join(
        "\n",
        "auth:",
        "  mode: proxy",
        "  proxy:",
        "    user_header: X-Remote-User",
        "    groups_header: X-Remote-Groups",
        "    trusted_proxies: " + trustedProxies,
        "roles:",
        "  operators: [root]",
        "  instructors:",
        "    '@teachers': [cs101]",
        "metrics:",
        "  bearer_token_file: " + tokenFile,
        "live: {tick: 10ms, cluster_interval: 20ms}",
        "rules:",
        "  evaluation_interval: 1h",
        "  idle:",
        "    low_util_for: 30s",
        "    no_process_for: 1h");
  }

  /** The headers the trusted front end sends for {@code who}; none for anonymous. */
  static Map<String, String> as(String who) {
    switch (who) {
      case "anonymous":
        return Map.of();
      case "tina":
        return Map.of("X-Remote-User", "tina", "X-Remote-Groups", "students, teachers");
      default:
        return Map.of("X-Remote-User", who);
    }
  }

  /**
   * The job ids on node-a's GPU 0 and on node-b's GPUs of a cluster view; null: no job shown. The
   * idle state of node-b's GPUs shows whoever looks.
   */
  static void assertGpuJobs(JsonObject cluster, String nodeA, String nodeB) {
    Map<String, JsonArray> gpus = new HashMap<>();
    for (Object n : cluster.getJsonArray("nodes")) {
      gpus.put(((JsonObject) n).getString("host"), ((JsonObject) n).getJsonArray("gpus"));
    }
    assertEquals(nodeA, jobId(gpus.get("node-a").getJsonObject(0)), cluster.encode());
    for (Object g : gpus.get("node-b")) {
      JsonObject gpu = (JsonObject) g;
      assertEquals(nodeB, jobId(gpu), cluster.encode());
      assertEquals("idle", gpu.getString("state"), "the state stays, whoever holds the GPU");
    }
  }

  private static String jobId(JsonObject gpu) {
    JsonObject job = gpu.getJsonObject("job");
    return job == null ? null : job.getString("id");
  }
}
