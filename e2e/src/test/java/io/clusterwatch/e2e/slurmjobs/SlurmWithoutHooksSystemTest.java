package io.clusterwatch.e2e.slurmjobs;

import static io.clusterwatch.e2e.slurmjobs.SlurmSite.heldGpus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.e2e.slurm.BoundedCommand;
import io.clusterwatch.e2e.slurm.SlurmCluster;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
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
  /** The agent asks squeue every discovery (1 s here); the hub hears of the change at once. */
  private static final Duration JOB_VISIBLE = Duration.ofSeconds(30);

  private static SlurmSite site;
  private static SlurmCluster slurm;

  @BeforeAll
  static void startBareSlurmHubAndAgent() throws Exception {
    site = SlurmSite.open("the Slurm-without-hooks system test", "cwb");
    Path tmp = site.tmp();
    slurm =
        site.slurm(
            SlurmCluster.start(
                SlurmCluster.defaultScriptsDir(),
                tmp.resolve("slurm"),
                Optional.empty(),
                Optional.empty(),
                Optional.of(SlurmCluster.BARE)));
    site.startHub(List.of(), 0);

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
    site.startAgent(
        config,
        Map.of("FAKE_NVML_SCENARIO", "gpus=4;processes=0;vary=0"),
        Pattern.compile("jobs: discovery every .*squeue listing auto"));
  }

  @AfterAll
  static void stopEverything() throws Exception {
    if (site != null) {
      site.close();
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
    Map<Integer, String> uuidByMinor = site.fakeGpusByMinor();

    // A holder first, so the job under test is given a GPU other than the first one.
    String holder =
        slurm.submit(
            "--gres=gpu:1", "--job-name=cw-holder", "--output=/dev/null", "--wrap", "sleep 600");
    site.await("/api/v1/jobs/" + holder, j -> heldGpus(j).size() == 1, JOB_VISIBLE);

    String name = "cw-untouched";
    long submitted = System.nanoTime();
    String id =
        slurm.submit(
            "--gres=gpu:1", "--job-name=" + name, "--output=/dev/null", "--wrap", "sleep 120");
    String path = "/api/v1/jobs/" + id;
    JsonObject job =
        site.await(
            path,
            j ->
                "running".equals(j.getString("state"))
                    && name.equals(j.getString("name"))
                    && heldGpus(j).size() == 1,
            JOB_VISIBLE);
    double knownAfter = (System.nanoTime() - submitted) / 1e9;

    List<Integer> indices = site.slurmGpuIndices(id);
    assertEquals(1, indices.size(), "Slurm gave the job one GPU: " + indices);
    assertNotEquals(site.slurmGpuIndices(holder), indices, "Slurm gave the held GPU twice");
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
        site.await(
            path,
            j -> !"running".equals(j.getString("state")) && j.getValue("end_ms") != null,
            JOB_VISIBLE);
    double endAfterCancel = (System.nanoTime() - cancelled) / 1e9;
    assertTrue(heldGpus(ended).isEmpty(), "an ended job holds no GPU: " + ended.encode());
    assertEquals(
        1,
        heldGpus(site.hub().get("/api/v1/jobs/" + holder).orElseThrow()).size(),
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
}
