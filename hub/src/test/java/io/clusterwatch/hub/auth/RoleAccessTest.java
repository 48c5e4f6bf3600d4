package io.clusterwatch.hub.auth;

import static io.clusterwatch.hub.auth.RoleAccessHub.METRICS_TOKEN;
import static io.clusterwatch.hub.auth.RoleAccessHub.as;
import static io.clusterwatch.hub.auth.RoleAccessHub.assertGpuJobs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.hub.support.TestHub;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
 * Each role reading each endpoint of a hub in {@code auth.mode: proxy} over real sockets; the hub,
 * its jobs and its users are {@link RoleAccessHub}'s. The same roles over /live: {@link
 * LiveRoleAccessTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoleAccessTest {
  @TempDir static Path dir;

  private RoleAccessHub running;
  private TestHub hub;

  @BeforeAll
  void start() throws Exception {
    running = new RoleAccessHub(dir);
    hub = running.hub;
  }

  @AfterAll
  void stop() {
    running.close();
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
        // the batch form: each query under the rules of its single request
        new Case(
            "alice",
            batch(
                "job=idle-job&metric=gpu_utilization_ratio",
                "job=4711&metric=gpu_utilization_ratio"),
            200,
            answers(
                a -> assertEquals(404, a.getInteger("status"), a.encode()),
                a -> assertFalse(a.getJsonArray("series").isEmpty(), a.encode()))),
        new Case(
            "alice",
            batch("host=node-b&metric=gpu_utilization_ratio"),
            200,
            answers(a -> assertEquals(403, a.getInteger("status"), a.encode()))),
        new Case(
            "bob",
            batch(
                "job=idle-job&metric=gpu_utilization_ratio",
                "job=idle-job&metric=gpu_memory_used_bytes&when_empty=0"),
            200,
            answers(
                a -> assertFalse(a.getJsonArray("series").isEmpty(), a.encode()),
                a -> assertEquals(true, a.getBoolean("skipped"), a.encode()))),
        new Case(
            "bob",
            batch(
                "job=idle-job&metric=no_such_metric",
                "job=4711&metric=gpu_utilization_ratio&when_empty=0"),
            200,
            answers(
                a -> assertTrue(a.getJsonArray("series").isEmpty(), a.encode()),
                a -> assertEquals(404, a.getInteger("status"), a.encode()))),
        new Case(
            "root",
            batch("host=node-b&metric=gpu_utilization_ratio"),
            200,
            answers(a -> assertFalse(a.getJsonArray("series").isEmpty(), a.encode()))),
        new Case("anonymous", batch("job=4711&metric=gpu_utilization_ratio"), 401),
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
  @MethodSource("bearerCases")
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

  private static Consumer<TestHub.Response> jobIds(Set<String> expected) {
    return r -> {
      Set<String> ids = new TreeSet<>();
      for (Object j : r.json().getJsonArray("jobs")) {
        ids.add(((JsonObject) j).getString("id"));
      }
      assertEquals(new TreeSet<>(expected), ids, r.body());
    };
  }

  /** {@code GET /api/v1/series/batch} of these single requests' query strings. */
  private static String batch(String... queries) {
    StringBuilder path = new StringBuilder("/api/v1/series/batch");
    char sep = '?';
    for (String q : queries) {
      path.append(sep).append("q=").append(URLEncoder.encode(q, StandardCharsets.UTF_8));
      sep = '&';
    }
    return path.toString();
  }

  /** Checks the batch's answers one by one, in the order asked. */
  @SafeVarargs
  private static Consumer<TestHub.Response> answers(Consumer<JsonObject>... each) {
    return r -> {
      JsonArray list = r.json().getJsonArray("answers");
      assertEquals(each.length, list.size(), r.body());
      for (int i = 0; i < each.length; i++) {
        each[i].accept(list.getJsonObject(i));
      }
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
}
