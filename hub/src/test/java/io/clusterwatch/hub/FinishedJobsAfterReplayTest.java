package io.clusterwatch.hub;

import static io.clusterwatch.hub.support.Scenario.T0;
import static io.clusterwatch.hub.support.TestTables.GPU1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.hub.archive.ArchivedJob;
import io.clusterwatch.hub.archive.JobArchive;
import io.clusterwatch.hub.archive.JobPages;
import io.clusterwatch.hub.archive.JobReport;
import io.clusterwatch.hub.config.HubConfig;
import io.clusterwatch.hub.jobs.JobState;
import io.clusterwatch.hub.rules.Alert;
import io.clusterwatch.hub.rules.AlertState;
import io.clusterwatch.hub.rules.Severity;
import io.clusterwatch.hub.support.MutableClock;
import io.clusterwatch.hub.support.Scenario;
import io.clusterwatch.hub.support.TestAgent;
import io.clusterwatch.hub.support.TestTables;
import io.clusterwatch.protocol.message.JobEvent;
import io.clusterwatch.protocol.message.JobInfo;
import io.clusterwatch.protocol.message.Welcome;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A finished job across a hub restart on the same data directory, over real files (write-ahead log
 * and SQLite archive) and a real ingest socket: the write-ahead log replays the job's end, and the
 * archive decides what is served. An end archived before the restart keeps its report (with the
 * alerts the restarted hub no longer knows); an end that was not archived yet is archived from the
 * replayed data.
 */
@ExtendWith(VertxExtension.class)
class FinishedJobsAfterReplayTest {
  private static final String JOB = "7";
  private static final long END = T0 + 5000;

  @TempDir Path data;

  /** A hub that logs to the data directory's write-ahead log and replayed it before it started. */
  private record DurableHub(DurableStore durable, HubServices services, Hub hub) {
    /** Like SIGTERM: stops serving, archives what is pending, closes the archive and the log. */
    void stop() {
      hub.stop().await();
      durable.close();
    }
  }

  private HubConfig withData() {
    return HubConfig.defaults().withPort(0).withDataPath(data.toString());
  }

  /**
   * A hub whose write-ahead log is {@code logConfig}'s data directory and whose job archive is
   * {@code config}'s (in memory when it has no data directory).
   */
  private static DurableHub start(
      Vertx vertx, HubConfig logConfig, HubConfig config, MutableClock clock) {
    DurableStore durable = DurableStore.open(logConfig);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    HubServices services =
        HubServices.create(
            config, clock, durable.openStore(HubMain.storeConfig(config)), registry, durable.log());
    durable.replay(services, registry);
    return new DurableHub(durable, services, Hub.start(vertx, services).await());
  }

  /**
   * Job 7 holds GPU 1 of node-a (at 30 %) from T0 to T0 + 5 s, and an idle alert fires for it
   * before it ends; returns once the hub has applied its end and stored every frame.
   */
  private static void runJob(Vertx vertx, DurableHub h) {
    try (TestAgent a = TestAgent.connect(vertx, h.hub().port())) {
      a.send(TestAgent.hello("node-a", "agent-a", TestTables.node(1), 0));
      a.next(Welcome.class);
      JobInfo job = new JobInfo(JOB, "dave", "sweep", List.of(GPU1), T0, "slurm", Map.of());
      a.send(new JobEvent(JobEvent.STARTED, T0, job));
      for (int seq = 1; seq <= 5; seq++) {
        a.sendBinary(TestTables.nodeFrame(1, seq, T0 + seq * 1000L, 0.9, 0.3));
      }
      Instant fired = Instant.ofEpochMilli(T0 + 4000);
      h.services()
          .alerts()
          .history()
          .record(
              List.of(
                  new Alert(
                      "gpu_process_idle",
                      "idle",
                      Map.of("host", "node-a", "gpu_uuid", GPU1, "job_id", JOB),
                      Severity.WARNING,
                      "GPU 1 idle",
                      0,
                      AlertState.FIRING,
                      fired,
                      fired,
                      null)));
      a.send(new JobEvent(JobEvent.ENDED, END, job));
      for (int seq = 6; seq <= 8; seq++) {
        a.sendBinary(TestTables.nodeFrame(1, seq, T0 + seq * 1000L, 0.9, 0.0));
      }
      // frames after the end are acknowledged after it: the registry holds the end by now
      a.awaitAck(8);
    }
  }

  private static void awaitArchived(DurableHub h) throws Exception {
    h.services().archive().whenArchived(JOB).toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void anEndArchivedBeforeTheRestartKeepsItsReportWithItsAlerts(Vertx vertx) throws Exception {
    MutableClock clock = Scenario.clock();
    DurableHub first = start(vertx, withData(), withData(), clock);
    runJob(vertx, first);
    awaitArchived(first);
    JobReport archived = first.services().archive().get(JOB).orElseThrow().report();
    assertTrue(archived.finalReport());
    assertEquals(
        List.of("gpu_process_idle"),
        archived.alerts().stream().map(JobReport.FiredAlert::rule).toList(),
        "the alert that fired is in the archived report");
    first.stop();

    clock.advance(60_000);
    DurableHub second = start(vertx, withData(), withData(), clock);
    assertEquals(
        JobState.FINISHED,
        second.services().jobs().get(JOB).orElseThrow().state(),
        "the log replayed the job's end into the registry");
    assertFalse(
        second.services().archive().pendingIds().contains(JOB),
        "the replayed end is archived already: nothing is pending once the hub serves");
    JobPages.Found found = second.services().jobPages().report(JOB).orElseThrow();
    assertEquals(
        archived, found.archived(), "served from the archive, alerts and computed_at included");
    assertEquals(END, found.job().endMs());
    second.stop();

    try (JobArchive file = JobArchive.open(data.resolve(HubServices.ARCHIVE_FILE))) {
      ArchivedJob row = file.get(JOB).orElseThrow();
      assertEquals(archived, row.report(), "the restarted hub did not replace the archived report");
      assertEquals(END, row.job().endMs());
    }
  }

  @Test
  void anEndNotArchivedWhenTheHubDiedIsArchivedFromTheReplayedLog(Vertx vertx) throws Exception {
    MutableClock clock = Scenario.clock();
    // The first hub logs to the data directory but archives in memory: what it archives is lost,
    // as with a hub killed (kill -9) before the settle time after the job's end ran out.
    DurableHub first = start(vertx, withData(), HubConfig.defaults().withPort(0), clock);
    runJob(vertx, first);
    first.stop();
    try (JobArchive file = JobArchive.open(data.resolve(HubServices.ARCHIVE_FILE))) {
      assertTrue(file.get(JOB).isEmpty(), "the archive file does not hold the job");
    }

    DurableHub second = start(vertx, withData(), withData(), clock);
    assertTrue(
        second.services().archive().pendingIds().contains(JOB),
        "the replayed end waits to be archived");
    awaitArchived(second);
    ArchivedJob row = second.services().archive().get(JOB).orElseThrow();
    assertEquals(END, row.job().endMs());
    assertTrue(row.report().finalReport());
    assertEquals(
        0.3,
        row.report().meanGpuUtilization(),
        1e-6,
        "computed from the replayed frames (float32 values)");
    assertEquals(5.0 / 3600, row.report().gpuHours(), 1e-9);
    second.stop();
  }
}
