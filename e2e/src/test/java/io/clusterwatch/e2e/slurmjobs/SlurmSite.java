package io.clusterwatch.e2e.slurmjobs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.e2e.process.ChildProcess;
import io.clusterwatch.e2e.process.JavaLauncher;
import io.clusterwatch.e2e.slurm.BoundedCommand;
import io.clusterwatch.e2e.slurm.SlurmAvailability;
import io.clusterwatch.e2e.slurm.SlurmCluster;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * One real Slurm node with a hub process and an agent process on the fake NVML library, for the
 * Slurm system tests: {@link #open} checks what the tests need and makes a short temporary
 * directory, then the test starts the cluster, the hub and the agent in that order. Closing stops
 * the processes in reverse order, then the cluster.
 */
final class SlurmSite implements AutoCloseable {
  static final String AGENT_MAIN = "io.clusterwatch.agent.AgentMain";
  static final String HUB_MAIN = "io.clusterwatch.hub.HubMain";
  static final Duration START = Duration.ofSeconds(90);

  private static final Pattern LISTENING = Pattern.compile("listening on http://\\S+:(\\d+)/");
  private static final Pattern GRES_IDX =
      Pattern.compile("GRES=gpu(?::[^:(\\s]+)?:\\d+\\(IDX:([^)]*)\\)");

  private final Path repo;
  private final Path fakeNvml;
  private final Path tmp;
  private final List<ChildProcess> processes = new ArrayList<>();
  private SlurmCluster slurm;
  private ChildProcess hubProcess;
  private List<String> hubArgs;
  private HubPoller hub;
  private ChildProcess agent;

  private SlurmSite(Path repo, Path fakeNvml, Path tmp) {
    this.repo = repo;
    this.fakeNvml = fakeNvml;
    this.tmp = tmp;
  }

  /**
   * Skips {@code testName} (fails it when CI=true) unless Slurm, the fake NVML library and the
   * agent's and hub's entry points are here; then a new temporary directory under /tmp named with
   * {@code prefix}, short because slurmd's unix sockets live below it (sun_path is 107 bytes).
   */
  static SlurmSite open(String testName, String prefix) throws Exception {
    SlurmAvailability.ofThisProcess()
        .requireOrSkip(() -> SlurmCluster.install(SlurmCluster.defaultScriptsDir()));
    Path repo = SlurmCluster.defaultScriptsDir().toAbsolutePath().getParent().getParent();
    Path fakeNvml = repo.resolve("agent/target/fake-nvml/libnvidia-ml.so");
    require(
        testName,
        Files.isRegularFile(fakeNvml),
        "the fake NVML library " + fakeNvml + " (built by the agent's tests)");
    require(
        testName,
        present(AGENT_MAIN) && present(HUB_MAIN),
        "the agent's and hub's entry points on the class path");
    return new SlurmSite(repo, fakeNvml, Files.createTempDirectory(Path.of("/tmp"), prefix));
  }

  /** The repository root (for the shipped hook scripts). */
  Path repo() {
    return repo;
  }

  /** This site's temporary directory. */
  Path tmp() {
    return tmp;
  }

  /** Takes over {@code cluster}, started by the test in {@link #tmp()}, to close it last. */
  SlurmCluster slurm(SlurmCluster cluster) {
    this.slurm = cluster;
    return cluster;
  }

  SlurmCluster slurm() {
    return slurm;
  }

  String node() {
    return slurm.nodeName();
  }

  HubPoller hub() {
    return hub;
  }

  ChildProcess agent() {
    return agent;
  }

  /** Starts the hub process with {@code args} on {@code port} (0: any); the port it listens on. */
  int startHub(List<String> args, int port) throws Exception {
    hubArgs = List.copyOf(args);
    List<String> all = new ArrayList<>(hubArgs);
    all.addAll(List.of("--port", String.valueOf(port)));
    hubProcess = start("hub", HUB_MAIN, all, Map.of());
    int actual = Integer.parseInt(hubProcess.awaitLine(LISTENING, START).group(1));
    hub = new HubPoller("http://127.0.0.1:" + actual, processes);
    return actual;
  }

  /** Stops the hub process (SIGTERM) and starts a new one with the same arguments and port. */
  void restartHub() throws Exception {
    int port = Integer.parseInt(hub.base().replaceAll(".*:", ""));
    hubProcess.close();
    processes.remove(hubProcess);
    startHub(hubArgs, port);
  }

  /**
   * Starts the agent on the fake NVML library with {@code config}, Slurm's client environment plus
   * {@code env}, streaming every second to the hub as this site's node; returns once its output
   * matches {@code ready}.
   */
  ChildProcess startAgent(Path config, Map<String, String> env, Pattern ready) throws Exception {
    Map<String, String> all = new LinkedHashMap<>(slurm.env());
    all.putAll(env);
    agent =
        start(
            "agent",
            AGENT_MAIN,
            List.of(
                "--config",
                config.toString(),
                "--gpu",
                "nvml",
                "--nvml-lib",
                fakeNvml.toString(),
                "--hub",
                hub.base().replace("http://", "ws://") + "/ingest",
                "--hostname",
                node(),
                "--no-metrics",
                "--interval",
                "1s"),
            all);
    agent.awaitLine(ready, START);
    return agent;
  }

  /** {@link HubPoller#await} with the agent's output as the context of a failure. */
  JsonObject await(String path, Predicate<JsonObject> ready, Duration timeout) throws Exception {
    return hub.await(path, ready, timeout, agent::output);
  }

  /** GPU UUIDs of the fake library by device minor, from the gpu_info series the hub stores. */
  Map<Integer, String> fakeGpusByMinor() throws Exception {
    JsonObject n = await("/api/v1/nodes/" + node(), j -> gpuInfo(j).size() == 4, START);
    Map<Integer, String> out = new LinkedHashMap<>();
    for (JsonObject labels : gpuInfo(n)) {
      out.put(Integer.parseInt(labels.getString("minor")), labels.getString("gpu_uuid"));
    }
    return out;
  }

  /**
   * The job's GPU indices on the node, from {@code scontrol show job -d}: {@code
   * GRES=gpu:2(IDX:2-3)}.
   */
  List<Integer> slurmGpuIndices(String id) {
    BoundedCommand.Result r = slurm.run(List.of("scontrol", "show", "job", "-d", id));
    assertTrue(r.succeeded(), r.describe());
    Matcher m = GRES_IDX.matcher(r.stdout());
    assertTrue(m.find(), "no GRES=gpu:N(IDX:...) in: " + r.stdout());
    List<Integer> out = new ArrayList<>();
    for (String part : m.group(1).split(",")) {
      String[] range = part.split("-");
      int from = Integer.parseInt(range[0]);
      int to = range.length == 2 ? Integer.parseInt(range[1]) : from;
      for (int i = from; i <= to; i++) {
        out.add(i);
      }
    }
    return out;
  }

  /** UUIDs of the GPUs a hub job holds now (entries without an end). */
  static List<String> heldGpus(JsonObject job) {
    List<String> out = new ArrayList<>();
    for (Object o : job.getJsonArray("gpus", new JsonArray())) {
      JsonObject g = (JsonObject) o;
      if (g.getValue("end_ms") == null) {
        out.add(g.getString("uuid"));
      }
    }
    return out;
  }

  private static List<JsonObject> gpuInfo(JsonObject nodeBody) {
    List<JsonObject> out = new ArrayList<>();
    for (Object o : nodeBody.getJsonArray("series", new JsonArray())) {
      JsonObject s = (JsonObject) o;
      if ("gpu_info".equals(s.getString("metric"))) {
        out.add(s.getJsonObject("labels"));
      }
    }
    return out;
  }

  private ChildProcess start(String name, String main, List<String> args, Map<String, String> env)
      throws Exception {
    ChildProcess p = JavaLauncher.current().start(name, main, args, env);
    processes.add(p);
    return p;
  }

  private static boolean present(String className) {
    try {
      Class.forName(className, false, SlurmSite.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  private static void require(String testName, boolean present, String what) {
    if (present) {
      return;
    }
    String message = what + " NOT FOUND: " + testName + " is SKIPPED";
    System.err.println("\n*** " + message + " ***\n");
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      Assertions.fail(what + " not found, and CI=true requires it");
    }
    Assumptions.abort(message);
  }

  @Override
  public void close() throws Exception {
    for (int i = processes.size() - 1; i >= 0; i--) {
      processes.get(i).close();
    }
    if (slurm != null) {
      slurm.close();
    }
  }
}
