package io.clusterwatch.hub.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.hub.config.HubConfigReader;
import io.clusterwatch.hub.support.MutableClock;
import io.clusterwatch.hub.support.Scenario;
import io.clusterwatch.hub.support.TestAgent;
import io.clusterwatch.hub.support.TestHub;
import io.clusterwatch.hub.support.TestLiveClient;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each role reading each endpoint of a hub in {@code auth.mode: proxy} over real sockets, the
 * proxy's header sent from 127.0.0.1 (trusted). The jobs are {@link Scenario}'s: 4711 of alice in
 * account cs101, idle-job of bob (no account), short of carol (ended); and on {@link HealthNode}
 * bob's job train-7 (account cs202) with an idle GPU and an XID error. tina is an instructor of
 * cs101 through the group {@code @teachers}; root is an operator.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoleAccessTest {
  static final String METRICS_TOKEN = "s3cret-scrape-token";

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

  @TempDir static Path dir;

  private Vertx vertx;
  private MutableClock clock;
  private TestHub hub;
  private List<TestAgent> agents;
  private TestAgent nodeC;

  @BeforeAll
  void start() throws Exception {
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

  @AfterAll
  void stop() {
    agents.forEach(TestAgent::close);
    nodeC.close();
    hub.stop();
    vertx.close().await();
  }

  /** One request: who, what, the status, and what the body must show. */
  record Case(String who, String path, int status, Consumer<TestHub.Response> check) {
    Case(String who, String path, int status) {
      this(who, path, status, r -> {});
    }

    @Override
    public String toString() {
      return who + " GET " + path + " -> " + status;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        // jobs list: filtered to what each may see
        new Case(
            "root", "/api/v1/jobs", 200, jobIds(Set.of("4711", "idle-job", "short", "train-7"))),
        new Case("tina", "/api/v1/jobs", 200, jobIds(Set.of("4711"))),
        new Case("alice", "/api/v1/jobs", 200, jobIds(Set.of("4711"))),
        new Case("bob", "/api/v1/jobs", 200, jobIds(Set.of("idle-job", "train-7"))),
        new Case("anonymous", "/api/v1/jobs", 401, loginBy("proxy")),
        // job detail: a job one may not see is the 404 of an unknown job
        new Case("root", "/api/v1/jobs/idle-job", 200, field("user", "bob")),
        new Case("tina", "/api/v1/jobs/4711", 200, field("user", "alice")),
        new Case("tina", "/api/v1/jobs/idle-job", 404, error("unknown job: idle-job")),
        new Case("alice", "/api/v1/jobs/4711", 200, field("name", "llama-ft")),
        new Case("alice", "/api/v1/jobs/idle-job", 404, error("unknown job: idle-job")),
        new Case("alice", "/api/v1/jobs/no-such-job", 404, error("unknown job: no-such-job")),
        new Case("anonymous", "/api/v1/jobs/4711", 401),
        new Case("alice", "/api/v1/jobs/idle-job/report", 404, error("unknown job: idle-job")),
        new Case("bob", "/api/v1/jobs/idle-job/report", 200, field("user", "bob")),
        // series of a job, and of a node (operators)
        new Case("root", "/api/v1/series?job=idle-job&metric=gpu_utilization_ratio", 200),
        new Case("bob", "/api/v1/series?job=idle-job&metric=gpu_utilization_ratio", 200),
        new Case(
            "alice",
            "/api/v1/series?job=idle-job&metric=gpu_utilization_ratio",
            404,
            error("unknown job: idle-job")),
        new Case(
            "tina",
            "/api/v1/series?job=4711&metric=gpu_utilization_ratio",
            200,
            r -> assertFalse(r.json().getJsonArray("series").isEmpty(), r.body())),
        new Case("root", "/api/v1/series?host=node-b&metric=gpu_utilization_ratio", 200),
        new Case("alice", "/api/v1/series?host=node-b&metric=gpu_utilization_ratio", 403),
        new Case("anonymous", "/api/v1/series?job=4711&metric=gpu_utilization_ratio", 401),
        // idle board: node-b's two GPUs and node-c's GPU 0, all in bob's jobs
        new Case("root", "/api/v1/idle?group_by=user", 200, idleGpus(3)),
        new Case("bob", "/api/v1/idle?group_by=user", 200, idleGpus(3)),
        new Case("tina", "/api/v1/idle", 200, idleGpus(0)),
        new Case("alice", "/api/v1/idle", 200, idleGpus(0)),
        new Case("anonymous", "/api/v1/idle", 401),
        // alerts: node health for operators, the idle alert of train-7 for bob too
        new Case("root", "/api/v1/alerts", 200, alertGroups("health", "idle")),
        new Case("bob", "/api/v1/alerts", 200, alertGroups("idle")),
        new Case("alice", "/api/v1/alerts", 200, alertGroups()),
        new Case("tina", "/api/v1/alerts", 200, alertGroups()),
        new Case("bob", "/api/v1/alerts?job=train-7", 200, alertGroups("idle")),
        new Case("alice", "/api/v1/alerts?job=idle-job", 404, error("unknown job: idle-job")),
        new Case("anonymous", "/api/v1/alerts", 401),
        // the heatmap: everyone's GPUs, other people's jobs without names
        new Case("root", "/api/v1/cluster", 200, gpuJobs("4711", "idle-job")),
        new Case("tina", "/api/v1/cluster", 200, gpuJobs("4711", null).andThen(hides("bob"))),
        new Case("alice", "/api/v1/cluster", 200, gpuJobs("4711", null).andThen(hides("bob"))),
        new Case("bob", "/api/v1/cluster", 200, gpuJobs(null, "idle-job").andThen(hides("alice"))),
        new Case("anonymous", "/api/v1/cluster", 401),
        new Case("alice", "/api/v1/nodes", 200, r -> assertEquals(3, nodes(r).size())),
        new Case("anonymous", "/api/v1/nodes", 401),
        new Case("root", "/api/v1/nodes/node-b", 200, field("host", "node-b")),
        new Case("tina", "/api/v1/nodes/node-b", 403),
        new Case("alice", "/api/v1/nodes/node-b", 403),
        // /metrics: operators (or the bearer token, see metricsTakesTheBearerToken)
        new Case("root", "/metrics", 200, r -> assertTrue(r.body().contains("clusterwatch_"))),
        new Case("tina", "/metrics", 401),
        new Case("alice", "/metrics", 401),
        new Case("anonymous", "/metrics", 401),
        // always open
        new Case("anonymous", "/healthz", 200),
        new Case("anonymous", "/", 200),
        // who am I
        new Case("root", "/api/v1/whoami", 200, whoami("root", "operator", List.of())),
        new Case("tina", "/api/v1/whoami", 200, whoami("tina", "instructor", List.of("cs101"))),
        new Case("alice", "/api/v1/whoami", 200, whoami("alice", "participant", List.of())),
        new Case("anonymous", "/api/v1/whoami", 401, loginBy("proxy")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void endpoint(Case c) {
    TestHub.Response r = hub.get(c.path(), as(c.who()));
    assertEquals(c.status(), r.status(), r.body());
    c.check().accept(r);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.clusterwatch.hub.auth.RoleAccessTest#bearerCases")
  void metricsTakesTheBearerToken(String authorization, int status) {
    TestHub.Response r = hub.get("/metrics", Map.of("Authorization", authorization));
    assertEquals(status, r.status(), r.body());
  }

  static Stream<org.junit.jupiter.params.provider.Arguments> bearerCases() {
    return Stream.of(
        org.junit.jupiter.params.provider.Arguments.of("Bearer " + METRICS_TOKEN, 200),
        org.junit.jupiter.params.provider.Arguments.of("bearer " + METRICS_TOKEN, 200),
        org.junit.jupiter.params.provider.Arguments.of("Bearer " + METRICS_TOKEN + "x", 401),
        org.junit.jupiter.params.provider.Arguments.of("Bearer s3cret", 401),
        org.junit.jupiter.params.provider.Arguments.of("Basic " + METRICS_TOKEN, 401));
  }

  /** A /live subscription: who, which view, and what comes back. */
  record LiveCase(String who, String view, Consumer<TestLiveClient> check) {
    @Override
    public String toString() {
      return who + " subscribes to " + view;
    }
  }

  Stream<LiveCase> liveCases() {
    return Stream.of(
        new LiveCase("root", "cluster", clusterView("4711", "idle-job", Set.of("health", "idle"))),
        new LiveCase("tina", "cluster", clusterView("4711", null, Set.of())),
        new LiveCase("alice", "cluster", clusterView("4711", null, Set.of())),
        new LiveCase("bob", "cluster", clusterView(null, "idle-job", Set.of("idle"))),
        new LiveCase("root", "job:idle-job", snapshot()),
        new LiveCase("root", "node:node-b", snapshot()),
        new LiveCase("bob", "job:idle-job", snapshot()),
        new LiveCase("tina", "job:4711", snapshot()),
        new LiveCase("tina", "job:idle-job", refused("unknown job: idle-job")),
        new LiveCase("alice", "job:4711", snapshot()),
        new LiveCase("alice", "job:idle-job", refused("unknown job: idle-job")),
        new LiveCase("alice", "job:no-such-job", refused("unknown job: no-such-job")),
        new LiveCase("alice", "node:node-b", refused("node views need the operator role")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("liveCases")
  void live(LiveCase c) {
    try (TestLiveClient client =
        TestLiveClient.connect(vertx, hub.port(), new WebSocketClientOptions(), as(c.who()))) {
      client.subscribe(c.view());
      c.check().accept(client);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.clusterwatch.hub.auth.RoleAccessTest#anonymousUpgrades")
  void liveRefusesAnonymousUpgrades(Map<String, String> headers) {
    UpgradeRejectedException e =
        assertThrows(
            UpgradeRejectedException.class,
            () -> TestLiveClient.connect(vertx, hub.port(), new WebSocketClientOptions(), headers));
    assertEquals(401, e.getStatus());
  }

  static Stream<Map<String, String>> anonymousUpgrades() {
    return Stream.of(Map.of(), Map.of("X-Remote-User", ""), Map.of("X-Remote-Groups", "teachers"));
  }

  private static Consumer<TestLiveClient> snapshot() {
    return client -> assertEquals("snapshot", client.next(m -> true).getString("type"));
  }

  /**
   * The subscription gets an error and no data: the next message after it is the answer to the next
   * request.
   */
  private static Consumer<TestLiveClient> refused(String error) {
    return client -> {
      assertEquals(errorMessage(error), client.next(m -> true));
      client.subscribe("job:another-unknown-job");
      assertEquals(errorMessage("unknown job: another-unknown-job"), client.next(m -> true));
    };
  }

  private static JsonObject errorMessage(String error) {
    return new JsonObject().put("type", "error").put("error", error);
  }

  /**
   * The cluster snapshot, its alerts and the next delta, as the viewer may see them.
   *
   * @param alertGroups the groups of the alerts message
   */
  private Consumer<TestLiveClient> clusterView(
      String nodeA, String nodeB, Set<String> alertGroups) {
    return client -> {
      JsonObject snapshot = client.next(m -> true);
      assertEquals("snapshot", snapshot.getString("type"), snapshot.encode());
      assertGpuJobs(snapshot.getJsonObject("data"), nodeA, nodeB);
      JsonObject alerts = client.next("alerts");
      Set<String> groups = new TreeSet<>();
      alerts.getJsonArray("alerts").forEach(a -> groups.add(((JsonObject) a).getString("group")));
      assertEquals(new TreeSet<>(alertGroups), groups, alerts.encode());
      // The hub's clock drives the cluster interval: move it past one interval for a delta.
      clock.advance(50);
      assertGpuJobs(client.next("delta").getJsonObject("data"), nodeA, nodeB);
    };
  }

  private static Consumer<TestHub.Response> jobIds(Set<String> expected) {
    return r -> {
      Set<String> ids = new TreeSet<>();
      for (Object j : r.json().getJsonArray("jobs")) {
        ids.add(((JsonObject) j).getString("id"));
      }
      assertEquals(new TreeSet<>(expected), ids, r.body());
    };
  }

  private static Consumer<TestHub.Response> field(String name, String value) {
    return r -> assertEquals(value, r.json().getString(name), r.body());
  }

  private static Consumer<TestHub.Response> error(String message) {
    return r -> assertEquals(new JsonObject().put("error", message), r.json());
  }

  private static Consumer<TestHub.Response> loginBy(String mode) {
    return r -> assertEquals(mode, r.json().getString("login"), r.body());
  }

  private static Consumer<TestHub.Response> hides(String text) {
    return r -> assertFalse(r.body().contains(text), text + " in " + r.body());
  }

  private static Consumer<TestHub.Response> idleGpus(int expected) {
    return r -> {
      int n = 0;
      for (Object g : r.json().getJsonArray("groups")) {
        n += ((JsonObject) g).getJsonArray("gpus").size();
      }
      assertEquals(expected, n, r.body());
    };
  }

  /** The groups of the alerts listed; every alert is node-c's. */
  private static Consumer<TestHub.Response> alertGroups(String... groups) {
    return r -> {
      Set<String> seen = new TreeSet<>();
      for (Object o : r.json().getJsonArray("alerts")) {
        JsonObject a = (JsonObject) o;
        seen.add(a.getString("group"));
        assertEquals(HealthNode.HOST, a.getJsonObject("labels").getString("host"), r.body());
      }
      assertEquals(new TreeSet<>(List.of(groups)), seen, r.body());
    };
  }

  private static JsonArray nodes(TestHub.Response r) {
    return r.json().getJsonArray("nodes");
  }

  /** The job ids on node-a's GPU 0 and on node-b's GPUs; null: no job shown. */
  static Consumer<TestHub.Response> gpuJobs(String nodeA, String nodeB) {
    return r -> assertGpuJobs(r.json(), nodeA, nodeB);
  }

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

  private static Consumer<TestHub.Response> whoami(
      String user, String role, List<String> accounts) {
    return r -> {
      JsonObject w = r.json();
      assertEquals(user, w.getString("user"));
      assertEquals(role, w.getString("role"));
      assertEquals(new JsonArray(accounts), w.getJsonArray("accounts"));
      assertEquals("proxy", w.getString("login"));
    };
  }

  static void assertNoJob(JsonObject gpu) {
    assertNull(gpu.getValue("job"));
  }
}
