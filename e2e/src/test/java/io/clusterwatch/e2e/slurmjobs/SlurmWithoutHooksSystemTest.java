package io.clusterwatch.e2e.slurmjobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A Slurm that tells the node nothing: {@code ProctrackType=proctrack/linuxproc}, {@code
 * TaskPlugin=task/none}, no Prolog and no Epilog (start.sh's {@code bare} mode), and GPUs whose
 * fake NVML library lists no process at all. A job that holds a GPU and never touches it must still
 * reach the hub with that GPU's UUID and its user, through the agent's squeue fallback on its
 * default {@code jobs.slurm.squeue: auto}, and end there after {@code scancel}.
 */
@ResourceLock(SlurmCluster.MACHINE)
class SlurmWithoutHooksSystemTest {
  private static final String AGENT_MAIN = "io.clusterwatch.agent.AgentMain";
  private static final String HUB_MAIN = "io.clusterwatch.hub.HubMain";
  private static final Duration START = Duration.ofSeconds(90);

  /** The agent asks squeue every discovery (1 s here); the hub hears of the change at once. */
  private static final Duration JOB_VISIBLE = Duration.ofSeconds(30);

  private static final Pattern GRES_IDX =
      Pattern.compile("GRES=gpu(?::[^:(\\s]+)?:\\d+\\(IDX:([^)]*)\\)");

  private static SlurmCluster slurm;
  private static final List<ChildProcess> processes = new ArrayList<>();
  private static ChildProcess agent;
  private static HubPoller hub;
  private static String node;

  @BeforeAll
  static void startBareSlurmHubAndAgent() throws Exception {
    SlurmAvailability.ofThisProcess()
        .requireOrSkip(() -> SlurmCluster.install(SlurmCluster.defaultScriptsDir()));
    Path repo = SlurmCluster.defaultScriptsDir().toAbsolutePath().getParent().getParent();
    Path fakeNvml = repo.resolve("agent/target/fake-nvml/libnvidia-ml.so");
    require(
        Files.isRegularFile(fakeNvml),
        "the fake NVML library " + fakeNvml + " (built by the agent's tests)");
    require(
        present(AGENT_MAIN) && present(HUB_MAIN),
        "the agent's and hub's entry points on the class path");

    // Short: slurmd's unix sockets live under the state directory (sun_path is 107 bytes).
    Path tmp = Files.createTempDirectory(Path.of("/tmp"), "cwb");
    slurm =
        SlurmCluster.start(
            SlurmCluster.defaultScriptsDir(),
            tmp.resolve("slurm"),
            Optional.empty(),
            Optional.empty(),
            Optional.of(SlurmCluster.BARE));
    node = slurm.nodeName();

    ChildProcess hubProcess = start("hub", HUB_MAIN, List.of("--port", "0"), Map.of());
    Matcher listening =
        hubProcess.awaitLine(Pattern.compile("listening on http://\\S+:(\\d+)/"), START);
    int port = Integer.parseInt(listening.group(1));
    hub = new HubPoller("http://127.0.0.1:" + port, processes);

    // jobs.slurm.squeue is left at its default (auto); the spool directory exists but no prolog
    // writes it.
    Path config =
        Files.writeString(
            tmp.resolve("agent.yaml"),
            String.join(
                "\n",
                "jobs:",
                "  slurm: {enabled: true}",
                "  spool_dir: " + Files.createDirectories(tmp.resolve("spool")),
                "  gpu_index_meaning: device_minor",
                "  interval: 1s",
                ""));
    Map<String, String> env = new LinkedHashMap<>(slurm.env());
    env.put("FAKE_NVML_SCENARIO", "gpus=4;processes=0;vary=0");
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
                "ws://127.0.0.1:" + port + "/ingest",
                "--hostname",
                node,
                "--no-metrics",
                "--interval",
                "1s"),
            env);
    agent.awaitLine(Pattern.compile("jobs: discovery every .*squeue listing auto"), START);
  }

  private static boolean present(String className) {
    try {
      Class.forName(className, false, SlurmWithoutHooksSystemTest.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  private static void require(boolean present, String what) {
    if (present) {
      return;
    }
    String message = what + " NOT FOUND: the Slurm-without-hooks system test is SKIPPED";
    System.err.println("\n*** " + message + " ***\n");
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      Assertions.fail(what + " not found, and CI=true requires it");
    }
    Assumptions.abort(message);
  }

  private static ChildProcess start(
      String name, String main, List<String> args, Map<String, String> env) throws Exception {
    ChildProcess p = JavaLauncher.current().start(name, main, args, env);
    processes.add(p);
    return p;
  }

  @AfterAll
  static void stopEverything() throws Exception {
    for (int i = processes.size() - 1; i >= 0; i--) {
      processes.get(i).close();
    }
    if (slurm != null) {
      slurm.close();
    }
  }

  @Test
  void aJobThatNeverTouchesItsGpuReachesTheHubThroughSqueueAndEndsAfterScancel() throws Exception {
    Map<String, String> config = slurmConfig();
    assertEquals(
        "proctrack/linuxproc", config.get("ProctrackType"), "the cluster under test: " + config);
    assertEquals("task/none", config.get("TaskPlugin"));
    assertEquals("(null)", config.get("Prolog"), "no prolog installed");
    assertEquals("(null)", config.get("Epilog"), "no epilog installed");
    Map<Integer, String> uuidByMinor = fakeGpusByMinor();

    // A holder first, so the job under test is given a GPU other than the first one.
    String holder =
        slurm.submit(
            "--gres=gpu:1", "--job-name=cw-holder", "--output=/dev/null", "--wrap", "sleep 600");
    hub.await("/api/v1/jobs/" + holder, j -> heldGpus(j).size() == 1, JOB_VISIBLE, agent::output);

    String name = "cw-untouched";
    long submitted = System.nanoTime();
    String id =
        slurm.submit(
            "--gres=gpu:1", "--job-name=" + name, "--output=/dev/null", "--wrap", "sleep 120");
    String path = "/api/v1/jobs/" + id;
    JsonObject job =
        hub.await(
            path,
            j ->
                "running".equals(j.getString("state"))
                    && name.equals(j.getString("name"))
                    && heldGpus(j).size() == 1,
            JOB_VISIBLE,
            agent::output);
    double knownAfter = (System.nanoTime() - submitted) / 1e9;

    List<Integer> indices = slurmGpuIndices(id);
    assertEquals(1, indices.size(), "Slurm gave the job one GPU: " + indices);
    assertNotEquals(slurmGpuIndices(holder), indices, "Slurm gave the held GPU twice");
    assertEquals(
        List.of(uuidByMinor.get(indices.get(0))),
        heldGpus(job),
        "the hub's job holds the fake GPU whose minor Slurm allocated (IDX " + indices + ")");
    assertEquals("root", job.getString("user"), "sbatch as root runs the job as root");
    assertEquals("gpu", job.getJsonObject("attributes").getString("partition"));
    assertEquals("0", job.getJsonObject("attributes").getString("uid"));
    assertTrue(
        job.getString("source").startsWith("slurm: squeue"),
        "only squeue can know this job: " + job.getString("source"));

    long cancelled = System.nanoTime();
    BoundedCommand.Result scancel = slurm.run(List.of("scancel", id));
    assertTrue(scancel.succeeded(), scancel.describe());
    JsonObject ended =
        hub.await(
            path,
            j -> !"running".equals(j.getString("state")) && j.getValue("end_ms") != null,
            JOB_VISIBLE,
            agent::output);
    double endAfterCancel = (System.nanoTime() - cancelled) / 1e9;
    assertTrue(heldGpus(ended).isEmpty(), "an ended job holds no GPU: " + ended.encode());
    assertEquals(
        1,
        heldGpus(hub.get("/api/v1/jobs/" + holder).orElseThrow()).size(),
        "the holder still runs");

    System.out.printf(
        "slurm-without-hooks: sbatch -> hub knows job %s with its GPU (IDX %s) through squeue: %.2f s;"
            + " scancel -> hub records the end: %.2f s%n",
        id, indices, knownAfter, endAfterCancel);
  }

  /** {@code scontrol show config}: what the running slurmctld was really configured with. */
  private static Map<String, String> slurmConfig() {
    BoundedCommand.Result r = slurm.run(List.of("scontrol", "show", "config"));
    assertTrue(r.succeeded(), r.describe());
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : r.stdout().split("\n")) {
      int eq = line.indexOf(" = ");
      if (eq > 0) {
        out.put(line.substring(0, eq).strip(), line.substring(eq + 3).strip());
      }
    }
    return out;
  }

  /** GPU UUIDs of the fake library by device minor, from the gpu_info series the hub stores. */
  private static Map<Integer, String> fakeGpusByMinor() throws Exception {
    JsonObject n =
        hub.await("/api/v1/nodes/" + node, j -> gpuInfo(j).size() == 4, START, agent::output);
    Map<Integer, String> out = new LinkedHashMap<>();
    for (JsonObject labels : gpuInfo(n)) {
      out.put(Integer.parseInt(labels.getString("minor")), labels.getString("gpu_uuid"));
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

  /** UUIDs of the GPUs a hub job holds now (entries without an end). */
  private static List<String> heldGpus(JsonObject job) {
    List<String> out = new ArrayList<>();
    for (Object o : job.getJsonArray("gpus", new JsonArray())) {
      JsonObject g = (JsonObject) o;
      if (g.getValue("end_ms") == null) {
        out.add(g.getString("uuid"));
      }
    }
    return out;
  }

  /**
   * The job's GPU indices on the node, from {@code scontrol show job -d}: {@code
   * GRES=gpu:1(IDX:1)}.
   */
  private static List<Integer> slurmGpuIndices(String id) {
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
}
