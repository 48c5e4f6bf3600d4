package io.clusterwatch.e2e.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.e2e.process.ChildProcess;
import io.clusterwatch.e2e.process.JavaLauncher;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The whole system as it is deployed: a hub process, a simulator process streaming four 8-GPU
 * nodes, and a real agent process reading a fixture tree (node_exporter's test data) instead of
 * /proc and /sys, all streaming over real sockets. Tests read it through the hub's public HTTP API,
 * its {@code /live} push and both {@code /metrics} endpoints; every wait is on a /live tick.
 */
final class DeployedSystem implements AutoCloseable {
  private static final String HUB_MAIN = "io.clusterwatch.hub.HubMain";
  private static final String AGENT_MAIN = "io.clusterwatch.agent.AgentMain";
  private static final String SIMULATOR_MAIN = "io.clusterwatch.simulator.SimulatorCommand";
  static final String FIXTURE_HOST = "fixture-node";
  static final List<String> SIMULATED =
      List.of("gpu-node-01", "gpu-node-02", "gpu-node-03", "gpu-node-04");
  private static final Duration START = Duration.ofSeconds(90);
  private static final Duration TICK = Duration.ofSeconds(30);

  private final List<ChildProcess> processes = new ArrayList<>();
  private HubClient hub;
  private HubClient agentMetrics;
  private LiveFeed live;

  private DeployedSystem() {}

  /** Starts the hub, the simulator and the fixture agent, and waits until every node is up. */
  static DeployedSystem start() throws Exception {
    Prerequisite.require(
        JavaLauncher.hasClass(AGENT_MAIN)
            && JavaLauncher.hasClass(HUB_MAIN)
            && JavaLauncher.hasClass(SIMULATOR_MAIN),
        "the agent's, the hub's and the simulator's entry points ("
            + AGENT_MAIN
            + ", "
            + HUB_MAIN
            + ", "
            + SIMULATOR_MAIN
            + ")");
    DeployedSystem system = new DeployedSystem();
    try {
      system.startProcesses(JavaLauncher.current());
      return system;
    } catch (Exception | AssertionError e) {
      system.close();
      throw e;
    }
  }

  private void startProcesses(JavaLauncher java) throws Exception {
    ChildProcess hubProcess = start(java, "hub", HUB_MAIN, List.of("--port", "0"));
    Matcher listening =
        hubProcess.awaitLine(Pattern.compile("listening on http://\\S+:(\\d+)/"), START);
    int port = Integer.parseInt(listening.group(1));
    hub = new HubClient("http://127.0.0.1:" + port);
    assertEquals("ok", hub.json("/healthz").getString("status"));
    String ingest = "ws://127.0.0.1:" + port + "/ingest";

    ChildProcess simulator =
        start(
            java,
            "simulator",
            SIMULATOR_MAIN,
            List.of("4", "--seed", "7", "--hub", ingest, "--interval", "1s"));
    simulator.awaitLine(Pattern.compile("simulating 4 nodes"), START);

    Path fixture = Path.of(DeployedSystem.class.getResource("/fixture-node").toURI());
    int metricsPort = freePort();
    ChildProcess agent =
        start(
            java,
            "fixture-agent",
            AGENT_MAIN,
            List.of(
                "--procfs",
                fixture.resolve("proc").toString(),
                "--sysfs",
                fixture.resolve("sys").toString(),
                "--gpu",
                "none",
                "--hostname",
                FIXTURE_HOST,
                "--hub",
                ingest,
                "--listen",
                "127.0.0.1:" + metricsPort,
                "--interval",
                "1s"));
    agentMetrics = new HubClient("http://127.0.0.1:" + metricsPort);

    live = new LiveFeed("ws://127.0.0.1:" + port);
    awaitCluster(cluster -> upHosts(cluster).containsAll(allHosts()), "every node up");
    // A node is up from its hello; wait for the fixture agent's first frames to be stored.
    awaitJson(hub, "/api/v1/nodes/" + FIXTURE_HOST, node -> node.getJsonArray("series").size() > 0);
    assertTrue(agent.isAlive(), agent.output());
  }

  private ChildProcess start(JavaLauncher java, String name, String main, List<String> args)
      throws Exception {
    ChildProcess p = java.start(name, main, args);
    processes.add(p);
    return p;
  }

  /** The hub's HTTP API. */
  HubClient hub() {
    return hub;
  }

  /** The fixture agent's own {@code /metrics} listener. */
  HubClient agentMetrics() {
    return agentMetrics;
  }

  @Override
  public void close() throws Exception {
    if (live != null) {
      live.close();
    }
    // Agents first, so the hub sees them leave; then the hub.
    for (int i = processes.size() - 1; i >= 0; i--) {
      processes.get(i).close();
    }
  }

  /**
   * The JSON answer to {@code path} once it satisfies {@code ready}, re-asked at every hub tick.
   */
  JsonObject awaitJson(HubClient client, String path, Predicate<JsonObject> ready)
      throws Exception {
    JsonObject[] last = new JsonObject[1];
    awaitTick(
        () -> {
          last[0] = client.json(path);
          return ready.test(last[0]);
        },
        () -> "GET " + path + " never became ready: " + last[0].encode());
    return last[0];
  }

  /**
   * The text answer to {@code path} once it satisfies {@code ready}, re-asked at every hub tick.
   */
  String awaitText(HubClient client, String path, Predicate<String> ready) throws Exception {
    String[] last = new String[1];
    awaitTick(
        () -> {
          last[0] = client.text(path);
          return ready.test(last[0]);
        },
        () -> "GET " + path + " never became ready: " + last[0]);
    return last[0];
  }

  /** A condition that may do I/O. */
  private interface Check {
    boolean holds() throws Exception;
  }

  /**
   * Checks {@code check} now and after every tick the hub pushes on /live, up to {@link #START}.
   */
  private void awaitTick(Check check, Supplier<String> failure) throws Exception {
    long deadline = System.nanoTime() + START.toNanos();
    while (!check.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(failure.get());
      }
      live.next(TICK);
    }
  }

  /**
   * Waits for a /live cluster message that satisfies {@code ready}; fails at once, with its output,
   * when a child process dies.
   */
  private void awaitCluster(Predicate<JsonObject> ready, String what) throws Exception {
    long deadline = System.nanoTime() + START.toNanos();
    while (true) {
      JsonObject data = live.next(TICK).getJsonObject("data");
      if (data != null && ready.test(data)) {
        return;
      }
      for (ChildProcess p : processes) {
        if (!p.isAlive()) {
          throw new AssertionError(
              p + " exited while waiting for " + what + "; its output:\n" + p.output());
        }
      }
      if (System.nanoTime() > deadline) {
        StringBuilder outputs = new StringBuilder();
        processes.forEach(p -> outputs.append("\n--- ").append(p).append(":\n").append(p.output()));
        throw new AssertionError(
            "timed out waiting for "
                + what
                + "; nodes up: "
                + (data == null ? "none" : upHosts(data))
                + outputs);
      }
    }
  }

  /** The simulated hosts and the fixture host. */
  static List<String> allHosts() {
    List<String> hosts = new ArrayList<>(SIMULATED);
    hosts.add(FIXTURE_HOST);
    return hosts;
  }

  private static Set<String> upHosts(JsonObject cluster) {
    Set<String> up = new HashSet<>();
    JsonArray nodes = cluster.getJsonArray("nodes");
    for (int i = 0; nodes != null && i < nodes.size(); i++) {
      JsonObject n = nodes.getJsonObject(i);
      if ("up".equals(n.getString("status"))) {
        up.add(n.getString("host"));
      }
    }
    return up;
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
