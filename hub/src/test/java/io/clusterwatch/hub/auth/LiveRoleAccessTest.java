package io.clusterwatch.hub.auth;

import static io.clusterwatch.hub.auth.RoleAccessHub.as;
import static io.clusterwatch.hub.auth.RoleAccessHub.assertGpuJobs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clusterwatch.hub.support.MutableClock;
import io.clusterwatch.hub.support.TestHub;
import io.clusterwatch.hub.support.TestLiveClient;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
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
 * Each role subscribing to each kind of /live view of a hub in {@code auth.mode: proxy} over real
 * sockets, and the upgrade refused to anonymous clients; the hub, its jobs and its users are {@link
 * RoleAccessHub}'s. The same roles over HTTP: {@link RoleAccessTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveRoleAccessTest {
  @TempDir static Path dir;

  private RoleAccessHub running;
  private Vertx vertx;
  private MutableClock clock;
  private TestHub hub;

  @BeforeAll
  void start() throws Exception {
    running = new RoleAccessHub(dir);
    vertx = running.vertx;
    clock = running.clock;
    hub = running.hub;
  }

  @AfterAll
  void stop() {
    running.close();
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
  @MethodSource("anonymousUpgrades")
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
}
