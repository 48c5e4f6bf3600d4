package io.clusterwatch.e2e.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Brings up the real single-node Slurm (needs root and the Debian packages; skipped loudly without
 * them, failing under CI=true), submits a 2-GPU batch job and checks what the job, its prolog and
 * its epilog see.
 */
@ResourceLock(SlurmCluster.MACHINE)
class SlurmClusterTest {

  private static final Duration JOB_TIMEOUT = Duration.ofSeconds(60);

  @TempDir Path tmp;

  @Test
  void batchJobWithTwoGpusSeesThemAndEnds() throws IOException {
    SlurmAvailability.ofThisProcess().requireOrSkip();
    Path hooks = Files.createDirectories(tmp.resolve("hooks"));
    Path prolog = hookScript("prolog.sh", hooks);
    Path epilog = hookScript("epilog.sh", hooks);

    try (SlurmCluster cluster =
        SlurmCluster.start(tmp.resolve("state"), Optional.of(prolog), Optional.of(epilog))) {
      Path output = tmp.resolve("job.out");
      String jobId =
          cluster.submit(
              "--job-name=two-gpus",
              "--gres=gpu:2",
              "--output=" + output,
              "--wrap",
              "env | grep -E '^(SLURM_JOB_ID|SLURM_JOB_GPUS|CUDA_VISIBLE_DEVICES)='");

      SlurmJobRecord done = cluster.awaitState(jobId, "COMPLETED", JOB_TIMEOUT);
      assertEquals("0:0", done.field("ExitCode").orElseThrow(), "exit code of " + done.fields());
      assertEquals("gres:gpu:2", done.field("TresPerNode").orElseThrow());
      assertEquals(cluster.nodeName(), done.field("BatchHost").orElseThrow());

      Map<String, String> jobEnv = envFile(output);
      assertEquals(jobId, jobEnv.get("SLURM_JOB_ID"));
      List<Integer> jobGpus = indices(jobEnv.get("SLURM_JOB_GPUS"));
      assertEquals(2, jobGpus.size(), "SLURM_JOB_GPUS in " + jobEnv);
      assertTrue(
          jobGpus.stream().allMatch(i -> i >= 0 && i < 4),
          "indices of the 4 GRES GPUs: " + jobGpus);
      assertEquals(
          2,
          indices(jobEnv.get("CUDA_VISIBLE_DEVICES")).size(),
          "CUDA_VISIBLE_DEVICES in " + jobEnv);

      // slurmd ran both hooks for this job (a COMPLETED job has finished its epilog) with the same
      // host-side GPU indices the job was given.
      Map<String, String> prologEnv = envFile(hooks.resolve("prolog." + jobId + ".env"));
      Map<String, String> epilogEnv = envFile(hooks.resolve("epilog." + jobId + ".env"));
      assertEquals("prolog_slurmd", prologEnv.get("SLURM_SCRIPT_CONTEXT"));
      assertEquals("epilog_slurmd", epilogEnv.get("SLURM_SCRIPT_CONTEXT"));
      assertEquals(jobEnv.get("SLURM_JOB_GPUS"), prologEnv.get("SLURM_JOB_GPUS"));
      assertEquals(jobEnv.get("SLURM_JOB_GPUS"), epilogEnv.get("SLURM_JOB_GPUS"));
      assertEquals("0", epilogEnv.get("SLURM_JOB_EXIT_CODE"));
    }
  }

  /**
   * A hook that saves its environment as NAME.JOBID.env and always succeeds (a failing hook drains
   * the node).
   */
  private static Path hookScript(String name, Path outDir) throws IOException {
    String base = name.substring(0, name.indexOf('.'));
    Path script = outDir.resolve(name);
    Files.writeString(
        script, "#!/bin/sh\nenv > '" + outDir + "/" + base + ".'\"$SLURM_JOB_ID\".env\nexit 0\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }

  private static Map<String, String> envFile(Path file) throws IOException {
    assertTrue(Files.isRegularFile(file), "missing " + file);
    Map<String, String> vars = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file)) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        vars.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return vars;
  }

  private static List<Integer> indices(String commaList) {
    assertTrue(commaList != null && !commaList.isBlank(), "no GPU index list");
    return Arrays.stream(commaList.split(","))
        .map(String::strip)
        .map(Integer::valueOf)
        .distinct()
        .toList();
  }
}
