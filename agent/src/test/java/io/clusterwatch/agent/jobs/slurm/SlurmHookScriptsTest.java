package io.clusterwatch.agent.jobs.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs config/slurm/prolog.sh and epilog.sh with sh and checks what the agent's watcher receives.
 */
class SlurmHookScriptsTest {
  static final Path SCRIPTS = Path.of("").toAbsolutePath().getParent().resolve("config/slurm");

  @TempDir Path tmp;

  private int run(String script, Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("sh", SCRIPTS.resolve(script).toString());
    pb.environment().clear();
    pb.environment().put("PATH", "/usr/local/bin:/usr/bin:/bin");
    pb.environment().putAll(env);
    pb.redirectErrorStream(true);
    Process p = pb.start();
    p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), script + " did not finish");
    return p.exitValue();
  }

  @Test
  void prologAndEpilogReachTheWatcher() throws Exception {
    Path spoolDir = tmp.resolve("spool");
    BlockingQueue<SpoolRecord> received = new LinkedBlockingQueue<>();
    try (SpoolWatcher watcher = new SpoolWatcher(new SpoolDirectory(spoolDir), received::add)) {
      Map<String, String> env =
          Map.of(
              "CLUSTERWATCH_SPOOL_DIR", spoolDir.toString(),
              "SLURM_JOB_ID", "4242",
              "SLURM_JOB_SLUID", "s5K1KKYAYG5D00",
              "SLURM_JOB_USER", "alice",
              "SLURM_JOB_UID", "1000",
              "SLURM_JOB_ACCOUNT", "cs101",
              // a value with a newline must not be able to forge another key
              "SLURM_JOB_PARTITION", "gpu\nevent=ended",
              "SLURM_JOB_GPUS", "1,3",
              "CUDA_VISIBLE_DEVICES", "1,3");
      long before = Instant.now().getEpochSecond();
      assertEquals(0, run("prolog.sh", env));
      long after = Instant.now().getEpochSecond();

      SpoolRecord started = received.poll(20, TimeUnit.SECONDS);
      assertNotNull(started, "no event from the prolog");
      assertEquals(
          new SpoolRecord(
              "started",
              "4242",
              "s5K1KKYAYG5D00",
              "alice",
              "1000",
              "cs101",
              "gpuevent=ended",
              "1,3",
              "1,3",
              started.timeEpochSeconds()),
          started);
      assertTrue(started.timeEpochSeconds() >= before && started.timeEpochSeconds() <= after);

      assertEquals(0, run("epilog.sh", env));
      SpoolRecord ended = received.poll(20, TimeUnit.SECONDS);
      while (ended != null && !ended.ended()) {
        ended = received.poll(20, TimeUnit.SECONDS); // a MODIFY of the same file may come first
      }
      assertNotNull(ended, "no ended event from the epilog");
      assertEquals("4242", ended.jobId());
      assertEquals(Map.of("4242", ended), new SpoolDirectory(spoolDir).read());
    }
    try (Stream<Path> files = Files.list(spoolDir)) {
      assertEquals(List.of(spoolDir.resolve("4242.job")), files.toList());
    }
  }

  @Test
  void badJobIdAndUnwritableSpoolStillExitZero() throws Exception {
    Path spoolDir = tmp.resolve("spool");
    assertEquals(
        0,
        run(
            "prolog.sh",
            Map.of("CLUSTERWATCH_SPOOL_DIR", spoolDir.toString(), "SLURM_JOB_ID", "1;rm")));
    assertEquals(0, run("epilog.sh", Map.of("CLUSTERWATCH_SPOOL_DIR", spoolDir.toString())));
    assertTrue(Files.notExists(spoolDir));

    Path file = Files.writeString(tmp.resolve("a-file"), "");
    Map<String, String> env =
        Map.of("CLUSTERWATCH_SPOOL_DIR", file.resolve("sub").toString(), "SLURM_JOB_ID", "5");
    assertEquals(0, run("prolog.sh", env));
    assertEquals(0, run("epilog.sh", env));
  }
}
