package io.clusterwatch.e2e.slurmjobs;

import static io.clusterwatch.e2e.slurmjobs.SlurmSite.heldGpus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.e2e.slurm.BoundedCommand;
import io.clusterwatch.e2e.slurm.SlurmCluster;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Which job owns which GPU, end to end with a real Slurm: slurmd with 4 GRES GPUs runs the shipped
 * prolog/epilog, an agent process reads the fake NVML library (4 GPUs, minors 0-3 as Slurm's
 * /dev/nvidia0-3) and discovers jobs from the spool directory, Slurm's cgroups and squeue, and
 * streams to a hub process whose idle rule judges after 3 s instead of 10 min; every check goes
 * through the hub's HTTP API. The load of the fake GPUs is steered through the library's control
 * file (agent/src/test/c/README.md).
 */
@ResourceLock(SlurmCluster.MACHINE)
class SlurmJobsSystemTest {
  private static final Duration START = SlurmSite.START;

  /**
   * Bound on the hub learning of a job start or end; the agent reacts to the hook files at once.
   */
  private static final Duration JOB_VISIBLE = Duration.ofSeconds(30);

  private static SlurmSite site;
  private static SlurmHooks hooks;
  private static Path control;
  private static SlurmCluster slurm;
  private static String node;

  @BeforeAll
  static void startSlurmHubAndAgent() throws Exception {
    site = SlurmSite.open("the Slurm job system test", "cwj");
    Path tmp = site.tmp();
    Path spool = tmp.resolve("spool");
    hooks = SlurmHooks.write(site.repo(), tmp.resolve("hooks"), spool);
    slurm =
        site.slurm(
            SlurmCluster.start(
                tmp.resolve("slurm"), Optional.of(hooks.prolog), Optional.of(hooks.epilog)));
    node = site.node();

    // Idle after 3 s at <= 1 % utilisation (default 10 min), judged every second.
    Path hubConfig =
        Files.writeString(
            tmp.resolve("hub.yaml"),
            String.join(
                "\n",
                "rules:",
                "  evaluation_interval: 1s",
                "  idle:",
                "    low_util_for: 3s",
                ""));
    site.startHub(
        List.of("--config", hubConfig.toString(), "--data", tmp.resolve("data").toString()), 0);

    Path config =
        Files.writeString(
            tmp.resolve("agent.yaml"),
            String.join(
                "\n",
                "jobs:",
                "  slurm: {enabled: true}",
                "  spool_dir: " + spool,
                "  gpu_index_meaning: device_minor",
                "  interval: 5s",
                ""));
    // One compute process per GPU, with PIDs at or above this machine's pid_max: no process here
    // has them, so job discovery relies on Slurm's own evidence (spool, cgroups, environment,
    // squeue). The agent drops PIDs over PID_MAX_LIMIT (4194304), hence the cap.
    long pidMax = Long.parseLong(Files.readString(Path.of("/proc/sys/kernel/pid_max")).trim());
    long pidBase = Math.min(pidMax, 4_194_304L - 400);
    control = tmp.resolve("nvml.control");
    site.startAgent(
        config,
        Map.of(
            "FAKE_NVML_SCENARIO",
            "gpus=4;processes=1;pid_base=" + pidBase + ";vary=0",
            "FAKE_NVML_CONTROL_FILE",
            control.toString()),
        Pattern.compile("jobs: discovery every"));
  }

  @AfterAll
  static void stopEverything() throws Exception {
    if (site != null) {
      site.close();
    }
  }

  @Test
  void aSlurmJobsGpusReachTheHubByUuidAndItsEndFollowsTheEpilog() throws Exception {
    Map<Integer, String> uuidByMinor = site.fakeGpusByMinor();
    assertEquals(Set.of(0, 1, 2, 3), uuidByMinor.keySet(), "the fake library's 4 GPUs, minors 0-3");

    // A 1-GPU job first, so the job under test gets GPUs that are not 0,1: inside the job
    // CUDA_VISIBLE_DEVICES is remapped to 0,1 and must not be taken for host indices.
    String holder =
        slurm.submit(
            "--gres=gpu:1", "--job-name=cw-holder", "--output=/dev/null", "--wrap", "sleep 600");
    JsonObject holderJob =
        site.await(
            "/api/v1/jobs/" + holder,
            j -> "cw-holder".equals(j.getString("name")) && heldGpus(j).size() == 1,
            JOB_VISIBLE);
    List<Integer> holderIndices = site.slurmGpuIndices(holder);
    assertEquals(List.of(uuidByMinor.get(holderIndices.get(0))), heldGpus(holderJob));

    String name = "cw-gpu-pair";
    long submitted = System.nanoTime();
    String id =
        slurm.submit(
            "--gres=gpu:2", "--job-name=" + name, "--output=/dev/null", "--wrap", "sleep 600");
    String path = "/api/v1/jobs/" + id;
    JsonObject job =
        site.await(
            path,
            j ->
                "running".equals(j.getString("state"))
                    && name.equals(j.getString("name"))
                    && heldGpus(j).size() == 2,
            JOB_VISIBLE);
    double knownAfter = (System.nanoTime() - submitted) / 1e9;
    long knownAtNs = System.currentTimeMillis() * 1_000_000L;
    long[] prolog =
        hooks
            .prologTimes(id)
            .orElseThrow(
                () ->
                    new AssertionError(
                        "the prolog of job " + id + " has not run, yet the hub knows the job"));

    List<Integer> indices = site.slurmGpuIndices(id);
    assertEquals(2, indices.size(), "Slurm gave the job 2 GPUs: " + indices);
    assertFalse(indices.contains(holderIndices.get(0)), "Slurm gave a held GPU twice: " + indices);
    Set<String> expected = new TreeSet<>();
    indices.forEach(i -> expected.add(uuidByMinor.get(i)));
    assertEquals(
        expected,
        new TreeSet<>(heldGpus(job)),
        "the hub's job holds exactly the fake GPUs whose minors Slurm allocated " + indices);
    assertEquals("root", job.getString("user"), "sbatch as root runs the job as root");
    assertEquals(List.of(node), job.getJsonArray("nodes").getList());
    for (Object g : job.getJsonArray("gpus")) {
      assertEquals(node, ((JsonObject) g).getString("host"));
    }
    assertEquals("gpu", job.getJsonObject("attributes").getString("partition"));
    assertEquals("UNLIMITED", job.getJsonObject("attributes").getString("time_limit_minutes"));

    // Idle rule: one of the job's GPUs drops to 0 % while its process stays; then it works again.
    int idleMinor = indices.get(0);
    String idleUuid = uuidByMinor.get(idleMinor);
    String busyUuid = uuidByMinor.get(indices.get(1));
    long idled = System.nanoTime();
    writeControl("gpu." + idleMinor + ".util=0\n");
    String alerts = "/api/v1/alerts?job=" + id + "&group=idle";
    JsonObject firing =
        site.await(alerts, a -> idleAlert(a, idleUuid, "firing").isPresent(), JOB_VISIBLE);
    double firedAfter = (System.nanoTime() - idled) / 1e9;
    JsonObject alert = idleAlert(firing, idleUuid, "firing").orElseThrow();
    assertEquals(id, alert.getJsonObject("labels").getString("job_id"));
    assertTrue(
        idleAlert(firing, busyUuid, "firing").isEmpty()
            && idleAlert(firing, busyUuid, "pending").isEmpty(),
        "the job's busy GPU is not idle: " + firing.encode());
    assertTrue(
        firedAfter >= 3.0,
        "the idle rule waits low_util_for (3 s); fired after " + firedAfter + " s");

    long loaded = System.nanoTime();
    writeControl("gpu." + idleMinor + ".util=60\n");
    site.await(
        alerts + "&state=resolved",
        a -> idleAlert(a, idleUuid, "resolved").isPresent(),
        JOB_VISIBLE);
    double resolvedAfter = (System.nanoTime() - loaded) / 1e9;
    assertTrue(idleAlert(site.hub().get(alerts).orElseThrow(), idleUuid, "firing").isEmpty());

    long cancelled = System.nanoTime();
    BoundedCommand.Result scancel = slurm.run(List.of("scancel", id));
    assertTrue(scancel.succeeded(), scancel.describe());
    JsonObject ended =
        site.await(
            path,
            j -> !"running".equals(j.getString("state")) && j.getValue("end_ms") != null,
            JOB_VISIBLE);
    long endSeenNs = System.currentTimeMillis() * 1_000_000L;
    double endAfterCancel = (System.nanoTime() - cancelled) / 1e9;
    long[] epilog =
        hooks
            .epilogTimes(id)
            .orElseThrow(
                () ->
                    new AssertionError(
                        "the epilog of job " + id + " has not run, yet the hub ended the job"));
    long endMs = ended.getLong("end_ms");
    assertTrue(
        endMs * 1_000_000L >= epilog[0] - 1_000_000_000L,
        "the hub's end ("
            + endMs
            + " ms) is not before the epilog started ("
            + epilog[0] / 1_000_000
            + " ms)");
    assertFalse(heldGpus(ended).isEmpty() && ended.getValue("end_ms") == null);

    // The finished job is archived with its report, and a hub restarted on the same data directory
    // still answers for it: the job, its report, and the report command.
    JsonObject archived =
        site.await(
            path + "/report", j -> j.getJsonObject("report").getBoolean("final"), JOB_VISIBLE);
    JsonObject report = archived.getJsonObject("report");
    assertEquals(2, report.getInteger("gpus_allocated"));
    assertTrue(
        report.getJsonArray("alerts").stream()
            .map(JsonObject.class::cast)
            .anyMatch(
                a ->
                    "gpu_process_idle".equals(a.getString("rule"))
                        && idleUuid.equals(a.getString("gpu_uuid"))),
        "the idle alert that fired is in the report: " + report.encode());
    site.restartHub();
    JsonObject restored = site.await(path, j -> "finished".equals(j.getString("state")), START);
    assertEquals(name, restored.getString("name"));
    assertEquals(endMs, restored.getLong("end_ms"));
    Set<String> restoredGpus = new TreeSet<>();
    restored
        .getJsonArray("gpus")
        .forEach(g -> restoredGpus.add(((JsonObject) g).getString("uuid")));
    assertEquals(expected, restoredGpus);
    assertEquals(report, site.hub().get(path + "/report").orElseThrow().getJsonObject("report"));
    java.io.StringWriter text = new java.io.StringWriter();
    java.io.StringWriter errors = new java.io.StringWriter();
    int status =
        io.clusterwatch.hub.report.ReportCommand.run(
            new String[] {id, "--hub", site.hub().base()},
            new java.io.PrintWriter(text),
            new java.io.PrintWriter(errors));
    assertEquals(0, status, errors.toString());
    assertTrue(
        text.toString().contains("Job ID:          " + id)
            && text.toString().contains("GPUs allocated:  2"),
        text.toString());
    System.out.println("slurm-jobs: report of job " + id + " after a hub restart:\n" + text);

    System.out.printf(
        "slurm-jobs: sbatch -> hub knows job %s (GPUs %s) with its 2 GPUs and name: %.2f s"
            + " (prolog finished -> hub knows: %.2f s); scancel -> hub"
            + " records the end: %.2f s; epilog finished -> end visible at the hub: %.2f s;"
            + " hub end_ms - epilog start: %.2f s; load 0 -> idle alert firing: %.2f s;"
            + " load 60 %% -> resolved: %.2f s%n",
        id,
        indices,
        knownAfter,
        (knownAtNs - prolog[1]) / 1e9,
        endAfterCancel,
        (endSeenNs - epilog[1]) / 1e9,
        (endMs * 1_000_000L - epilog[0]) / 1e9,
        firedAfter,
        resolvedAfter);
  }

  /** Replaces the fake library's control file at once (rename), so it never reads half of one. */
  private static void writeControl(String text) throws Exception {
    Path next = Files.writeString(control.resolveSibling("nvml.control.next"), text);
    Files.move(
        next,
        control,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /** The gpu_process_idle alert of {@code uuid} in state {@code state}, in an alerts answer. */
  private static Optional<JsonObject> idleAlert(JsonObject answer, String uuid, String state) {
    for (Object o : answer.getJsonArray("alerts", new JsonArray())) {
      JsonObject a = (JsonObject) o;
      if ("gpu_process_idle".equals(a.getString("rule"))
          && state.equals(a.getString("state"))
          && uuid.equals(a.getJsonObject("labels").getString("gpu_uuid"))) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
