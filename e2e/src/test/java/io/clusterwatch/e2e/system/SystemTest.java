package io.clusterwatch.e2e.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.e2e.process.ChildProcess;
import io.clusterwatch.e2e.process.JavaLauncher;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The whole system as it is deployed: a hub process, a simulator process streaming four 8-GPU
 * nodes, and a real agent process reading a fixture tree (node_exporter's test data) instead of
 * /proc and /sys, all streaming over real sockets; the checks go through the hub's public HTTP API,
 * its {@code /live} push and both {@code /metrics} endpoints.
 */
@Timeout(300)
class SystemTest {
  private static final String HUB_MAIN = "io.clusterwatch.hub.HubMain";
  private static final String AGENT_MAIN = "io.clusterwatch.agent.AgentMain";
  private static final String SIMULATOR_MAIN = "io.clusterwatch.simulator.SimulatorCommand";
  private static final String FIXTURE_HOST = "fixture-node";
  private static final List<String> SIMULATED =
      List.of("gpu-node-01", "gpu-node-02", "gpu-node-03", "gpu-node-04");
  private static final Duration START = Duration.ofSeconds(90);
  private static final Duration TICK = Duration.ofSeconds(30);
  private static final Pattern CAMEL_CASE_MEMINFO =
      Pattern.compile(
          "node_memory_\\w+ metric names should be written in 'snake_case' not 'camelCase'");

  private static final List<ChildProcess> processes = new ArrayList<>();
  private static HubClient hub;
  private static HubClient agentMetrics;
  private static LiveFeed live;

  @BeforeAll
  static void startHubAndAgents() throws Exception {
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
    JavaLauncher java = JavaLauncher.current();
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

    Path fixture = Path.of(SystemTest.class.getResource("/fixture-node").toURI());
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

  private static ChildProcess start(JavaLauncher java, String name, String main, List<String> args)
      throws Exception {
    ChildProcess p = java.start(name, main, args);
    processes.add(p);
    return p;
  }

  @AfterAll
  static void stopEverything() throws Exception {
    if (live != null) {
      live.close();
    }
    // Agents first, so the hub sees them leave; then the hub.
    for (int i = processes.size() - 1; i >= 0; i--) {
      processes.get(i).close();
    }
  }

  @Test
  void theClusterShowsFourSimulatedNodesOfEightGpusAndTheFixtureNode() throws Exception {
    JsonObject cluster = hub.json("/api/v1/cluster");
    Map<String, JsonObject> nodes = byHost(cluster.getJsonArray("nodes"));
    assertEquals(Set.copyOf(allHosts()), nodes.keySet());
    Set<String> uuids = new HashSet<>();
    for (String host : SIMULATED) {
      JsonObject node = nodes.get(host);
      assertEquals("up", node.getString("status"), host);
      JsonArray gpus = node.getJsonArray("gpus");
      assertEquals(8, gpus.size(), host);
      for (int i = 0; i < gpus.size(); i++) {
        JsonObject gpu = gpus.getJsonObject(i);
        assertEquals("NVIDIA H100 80GB HBM3", gpu.getString("model"));
        assertTrue(gpu.getString("uuid").startsWith("GPU-"), gpu.encode());
        assertTrue(uuids.add(gpu.getString("uuid")), "GPU UUIDs are unique");
        assertTrue(List.of("busy", "idle", "free").contains(gpu.getString("state")), gpu.encode());
        assertEquals(gpu.getValue("job") == null, "free".equals(gpu.getString("state")));
      }
    }
    assertEquals(32, uuids.size());
    assertEquals("up", nodes.get(FIXTURE_HOST).getString("status"));
    assertTrue(nodes.get(FIXTURE_HOST).getJsonArray("gpus").isEmpty(), "--gpu none");
    JsonObject counts = cluster.getJsonObject("counts");
    assertEquals(5, counts.getInteger("nodes_up"));
    assertEquals(
        32,
        counts.getInteger("gpus_busy")
            + counts.getInteger("gpus_idle")
            + counts.getInteger("gpus_free")
            + counts.getInteger("gpus_stale"));
  }

  @Test
  void theFixtureNodeReportsItsDisksNetworkAndMemory() throws Exception {
    JsonObject node = hub.json("/api/v1/nodes/" + FIXTURE_HOST);
    assertEquals(FIXTURE_HOST, node.getString("host"));
    assertTrue(node.getJsonObject("agent").getBoolean("connected"));
    Map<String, JsonObject> series = new HashMap<>();
    JsonArray all = node.getJsonArray("series");
    for (int i = 0; i < all.size(); i++) {
      JsonObject s = all.getJsonObject(i);
      series.put(s.getString("metric") + s.getJsonObject("labels").encode(), s);
    }
    // Whole disks of the fixture's /proc/diskstats; partitions, ram and loop devices are left out.
    assertTrue(
        series.containsKey("disk_read_bytes_total{\"device\":\"sda\"}"), series.keySet()::toString);
    assertTrue(series.containsKey("disk_written_bytes_total{\"device\":\"nvme0n1\"}"));
    assertFalse(series.containsKey("disk_read_bytes_total{\"device\":\"sda1\"}"));
    assertFalse(series.containsKey("disk_read_bytes_total{\"device\":\"loop0\"}"));
    // eth0 of the fixture's /proc/net/dev; lo, docker0 and the veth are virtual and left out.
    assertTrue(series.containsKey("network_receive_bytes_total{\"device\":\"eth0\"}"));
    assertFalse(series.containsKey("network_receive_bytes_total{\"device\":\"lo\"}"));
    // MemTotal: 3742148 kB in the fixture's /proc/meminfo, kB being KiB.
    assertEquals(3742148.0 * 1024, series.get("memory_MemTotal_bytes{}").getDouble("value"), 0.5);
    // The fixture's files never change: every counter rate is 0 once there are two readings.
    JsonObject rate = series.get("disk_read_bytes_total{\"device\":\"sda\"}");
    assertTrue(rate.getValue("value") == null || rate.getDouble("value") == 0.0, rate.encode());
  }

  @Test
  void theAgentServesTheFixtureWithNodeExportersNamesAndValues() throws Exception {
    // The agent serves /metrics from its first tick on.
    String text =
        awaitText(agentMetrics, "/metrics", t -> t.contains("node_disk_read_bytes_total"));
    // node_exporter's own expected output for the same diskstats line:
    // node_disk_read_bytes_total{device="sda"} 5.13713216512e+11 (1003346126 sectors x 512).
    assertEquals(
        5.13713216512e11, metricValue(text, "node_disk_read_bytes_total{device=\"sda\"}"), 0.5);
    assertEquals(
        874354587, metricValue(text, "node_network_receive_bytes_total{device=\"eth0\"}"), 0.5);
    assertEquals(3742148.0 * 1024, metricValue(text, "node_memory_MemTotal_bytes"), 0.5);
  }

  @Test
  void runningJobsListTheirUsersNamesAndGpusByUuid() throws Exception {
    Map<String, String> uuidHost = new HashMap<>();
    JsonArray nodes = hub.json("/api/v1/cluster").getJsonArray("nodes");
    for (int i = 0; i < nodes.size(); i++) {
      JsonObject n = nodes.getJsonObject(i);
      JsonArray gpus = n.getJsonArray("gpus");
      for (int g = 0; g < gpus.size(); g++) {
        uuidHost.put(gpus.getJsonObject(g).getString("uuid"), n.getString("host"));
      }
    }
    JsonArray jobs = hub.json("/api/v1/jobs?state=running").getJsonArray("jobs");
    assertFalse(jobs.isEmpty(), "the simulated cluster starts 70-85 % allocated");
    for (int i = 0; i < jobs.size(); i++) {
      JsonObject job = jobs.getJsonObject(i);
      assertEquals("running", job.getString("state"));
      assertFalse(job.getString("user").isEmpty(), job.encode());
      assertFalse(job.getString("name").isEmpty(), job.encode());
      assertEquals("simulator", job.getString("source"));
      assertEquals("gpu", job.getJsonObject("attributes").getString("partition"));
      JsonArray gpus = job.getJsonArray("gpus");
      assertFalse(gpus.isEmpty(), job.encode());
      for (int g = 0; g < gpus.size(); g++) {
        JsonObject gpu = gpus.getJsonObject(g);
        assertEquals(
            uuidHost.get(gpu.getString("uuid")),
            gpu.getString("host"),
            "GPU " + gpu.getString("uuid") + " of job " + job.getString("id"));
        assertTrue(job.getJsonArray("nodes").contains(gpu.getString("host")));
      }
    }
  }

  @Test
  void aJobsSeriesHaveAPointPerGpuItHolds() throws Exception {
    JsonObject job = hub.json("/api/v1/jobs?state=running").getJsonArray("jobs").getJsonObject(0);
    String id = job.getString("id");
    int gpus = job.getJsonArray("gpus").size();
    String path = "/api/v1/series?job=" + HubClient.encode(id) + "&metric=gpu_power_watts";
    JsonObject series =
        awaitJson(
            hub,
            path,
            s ->
                s.getJsonArray("series").size() == gpus
                    && everySeriesHasAValue(s.getJsonArray("series")));
    assertEquals("gpu_power_watts", series.getString("metric"));
    JsonArray list = series.getJsonArray("series");
    for (int i = 0; i < list.size(); i++) {
      JsonObject s = list.getJsonObject(i);
      assertTrue(job.getJsonArray("nodes").contains(s.getString("host")));
      assertEquals(s.getJsonArray("timestamps").size(), s.getJsonArray("values").size());
      for (Object v : s.getJsonArray("values")) {
        // An H100 draws between its idle floor and its 700 W limit.
        assertTrue(
            v == null || (((Number) v).doubleValue() > 50 && ((Number) v).doubleValue() <= 700),
            "power " + v);
      }
    }
  }

  @Test
  void theHubsMetricsPassPromtool() throws Exception {
    Promtool promtool = Promtool.require();
    String text = hub.text("/metrics");
    assertTrue(text.contains("gpu-node-01"), "the hub exposes the cluster's latest values");
    Promtool.Result r = promtool.checkMetrics(text);
    assertEquals(0, r.exitCode(), r.output());
  }

  @Test
  void theAgentsMetricsPassPromtool() throws Exception {
    Promtool promtool = Promtool.require();
    Promtool.Result r =
        promtool.checkMetrics(
            awaitText(agentMetrics, "/metrics", t -> t.contains("node_memory_MemTotal_bytes")));
    // The agent keeps node_exporter's names, and node_exporter's meminfo families are spelled as
    // the kernel spells the fields (node_memory_MemTotal_bytes): promtool's snake_case lint flags
    // them, as it flags node_exporter's own expected output (exit status 3). That one lint is
    // expected; a parse error (status 1) or any other problem fails.
    if (r.exitCode() == Promtool.LINT_PROBLEMS) {
      for (String problem : r.problems()) {
        assertTrue(CAMEL_CASE_MEMINFO.matcher(problem).matches(), "promtool: " + problem);
      }
    } else {
      assertEquals(0, r.exitCode(), r.output());
    }
  }

  /**
   * The JSON answer to {@code path} once it satisfies {@code ready}, re-asked at every hub tick.
   */
  private static JsonObject awaitJson(HubClient client, String path, Predicate<JsonObject> ready)
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
  private static String awaitText(HubClient client, String path, Predicate<String> ready)
      throws Exception {
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
  private static void awaitTick(Check check, java.util.function.Supplier<String> failure)
      throws Exception {
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
  private static void awaitCluster(Predicate<JsonObject> ready, String what) throws Exception {
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

  private static List<String> allHosts() {
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

  private static Map<String, JsonObject> byHost(JsonArray nodes) {
    Map<String, JsonObject> map = new HashMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      map.put(nodes.getJsonObject(i).getString("host"), nodes.getJsonObject(i));
    }
    return map;
  }

  private static boolean everySeriesHasAValue(JsonArray series) {
    for (int i = 0; i < series.size(); i++) {
      boolean any = false;
      for (Object v : series.getJsonObject(i).getJsonArray("values")) {
        any |= v != null;
      }
      if (!any) {
        return false;
      }
    }
    return true;
  }

  /** The value of the exposition line for exactly this series ({@code name{labels}}). */
  private static double metricValue(String exposition, String series) {
    for (String line : exposition.split("\n")) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1).trim().split(" ")[0]);
      }
    }
    throw new AssertionError("no line for " + series + " in the agent's /metrics");
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
