package io.clusterwatch.agent.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.clusterwatch.agent.host.HostPaths;
import io.clusterwatch.agent.jobs.slurm.SpoolCleanup;
import io.clusterwatch.agent.jobs.slurm.SpoolDirectory;
import io.clusterwatch.protocol.message.JobEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobMonitorTest {
  @TempDir Path tmp;

  /** Renames a complete file into place, as the hook scripts do. */
  private static void writeAtomically(Path dir, String name, String content) throws Exception {
    Path t = dir.resolve("." + name + ".tmp");
    Files.writeString(t, content);
    Files.move(
        t, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void prologAndEpilogFilesTriggerDiscoveryAtOnce() throws Exception {
    Path spoolDir = Files.createDirectories(tmp.resolve("spool"));
    SpoolDirectory spool = new SpoolDirectory(spoolDir);
    HostPaths paths = new HostPaths(tmp.resolve("proc"), tmp.resolve("sys"));
    Clock clock = Clock.systemUTC();
    JobDiscovery discovery =
        new JobDiscovery(
            () -> JobDiscoveryFixture.GPUS,
            NodeJobMonitor.sources(
                Optional.of(spool), paths, List::of, Optional.empty(), Optional.empty(), List.of()),
            id -> Optional.empty(),
            Optional.of(new SpoolCleanup(spool)),
            GpuIndexMeaning.DEVICE_MINOR,
            "gpu01",
            clock);
    BlockingQueue<JobEvent> events = new LinkedBlockingQueue<>();
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    // a period far longer than the test: only the spool events can produce these job events
    try (JobMonitor monitor =
        new JobMonitor(
            discovery,
            new JobTracker(clock),
            Optional.of(spool),
            Duration.ofHours(1),
            scheduler,
            events::add)) {
      // the first, scheduled discovery has run (found nothing) before the prolog writes
      scheduler.submit(() -> {}).get(20, TimeUnit.SECONDS);
      assertEquals(null, events.poll());
      long now = clock.instant().getEpochSecond();
      writeAtomically(
          spoolDir, "17.job", "event=started\njob_id=17\nuser=eve\ngpus=0,1\ntime=" + now + "\n");
      JobEvent started = events.poll(20, TimeUnit.SECONDS);
      assertNotNull(started, "no event after the prolog file");
      assertEquals(JobEvent.STARTED, started.event());
      assertEquals("17", started.job().jobId());
      assertEquals(
          List.of(JobDiscoveryFixture.GPUS.get(2).uuid(), JobDiscoveryFixture.GPUS.get(3).uuid()),
          started.job().gpuUuids());

      writeAtomically(spoolDir, "17.job", "event=ended\njob_id=17\ntime=" + now + "\n");
      JobEvent ended = events.poll(20, TimeUnit.SECONDS);
      assertNotNull(ended, "no event after the epilog file");
      assertEquals(JobEvent.ENDED, ended.event());
      assertEquals("17", ended.job().jobId());
      assertEquals(List.of(), monitor.jobs());
    } finally {
      scheduler.shutdownNow();
    }
  }
}
