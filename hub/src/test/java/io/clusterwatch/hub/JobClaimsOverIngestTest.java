package io.clusterwatch.hub;

import static io.clusterwatch.hub.support.Scenario.T0;
import static io.clusterwatch.hub.support.TestTables.GPU0;
import static io.clusterwatch.hub.support.TestTables.GPU1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.hub.archive.ArchivedJob;
import io.clusterwatch.hub.archive.JobArchive;
import io.clusterwatch.hub.config.HubConfig;
import io.clusterwatch.hub.jobs.Allocation;
import io.clusterwatch.hub.jobs.Job;
import io.clusterwatch.hub.jobs.JobState;
import io.clusterwatch.hub.support.MutableClock;
import io.clusterwatch.hub.support.Scenario;
import io.clusterwatch.hub.support.TestAgent;
import io.clusterwatch.hub.support.TestHub;
import io.clusterwatch.hub.support.TestTables;
import io.clusterwatch.protocol.message.JobEvent;
import io.clusterwatch.protocol.message.JobInfo;
import io.clusterwatch.protocol.message.JobSnapshot;
import io.clusterwatch.protocol.message.Welcome;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two agents on one hub over real sockets: node-b runs alice's job 4711, and node-a's agent names
 * the same job id under another user and account, by a job event and in its job list. Node-b's job
 * keeps its user, account and allocations, node-a gains no allocation, and the conflict is counted
 * once; a restart replaying the write-ahead log applies the same rule, and the archive records the
 * job as node-b reported it.
 */
@ExtendWith(VertxExtension.class)
class JobClaimsOverIngestTest {
  private static final String JOB = "4711";
  private static final JobInfo ALICE =
      new JobInfo(JOB, "alice", "llama-ft", List.of(GPU0), T0, "slurm", Map.of("account", "cs101"));
  private static final JobInfo FORGED =
      new JobInfo(JOB, "mallory", "renamed", List.of(GPU1), T0, "slurm", Map.of("account", "evil"));

  @TempDir Path data;

  /** Node-b starts alice's job; then node-a claims it twice. Returns once the hub applied both. */
  private static void claim(Vertx vertx, int port) {
    try (TestAgent b = TestAgent.connect(vertx, port);
        TestAgent a = TestAgent.connect(vertx, port)) {
      b.send(TestAgent.hello("node-b", "agent-b", TestTables.node(1), 0));
      b.next(Welcome.class);
      b.send(new JobEvent(JobEvent.STARTED, T0, ALICE));
      // A frame after the job message: its ack proves the job was applied (one connection, in
      // order).
      b.sendBinary(TestTables.nodeFrame(1, 1, T0 + 1000, 0.5, 0));
      b.awaitAck(1);

      a.send(TestAgent.hello("node-a", "agent-a", TestTables.node(1), 0));
      a.next(Welcome.class);
      a.send(new JobEvent(JobEvent.STARTED, T0 + 2000, FORGED));
      a.send(new JobSnapshot(T0 + 3000, List.of(FORGED)));
      a.sendBinary(TestTables.nodeFrame(1, 1, T0 + 3000, 0.5, 0));
      a.awaitAck(1);
    }
  }

  private static void assertAlicesJobUntouched(Job j) {
    assertEquals("alice", j.user());
    assertEquals("llama-ft", j.name());
    assertEquals(Map.of("account", "cs101"), j.attributes());
    assertEquals(List.of("node-b"), j.hosts(), "node-a gained no allocation");
    Allocation held = j.allocations().get(0);
    assertEquals(GPU0, held.gpuUuid());
    assertEquals(T0, held.startMs());
  }

  @Test
  void aHostNamingAnotherHostsJobUnderAnotherUserChangesNothingAndIsCounted(Vertx vertx) {
    TestHub hub = new TestHub(vertx);
    claim(vertx, hub.port());

    Job j = hub.services.jobs().get(JOB).orElseThrow();
    assertAlicesJobUntouched(j);
    assertEquals(JobState.RUNNING, j.state());
    assertTrue(j.allocations().get(0).isOpen());
    assertTrue(hub.services.jobs().holder("node-a", GPU1).isEmpty());
    String metrics = hub.get("/metrics").body();
    assertTrue(
        metrics.contains("\nclusterwatch_hub_job_conflicts_total 1.0\n"),
        "one conflict for the job event and the job list of node-a:\n" + metrics);
    hub.stop();
  }

  @Test
  void theReplayedLogAppliesTheSameRuleAndTheArchiveKeepsTheStoredIdentity(Vertx vertx) {
    MutableClock clock = Scenario.clock();
    HubConfig config = HubConfig.defaults().withPort(0).withDataPath(data.toString());
    DurableStore firstLog = DurableStore.open(config);
    PrometheusMeterRegistry firstRegistry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    HubServices first =
        HubServices.create(
            config,
            clock,
            firstLog.openStore(HubMain.storeConfig(config)),
            firstRegistry,
            firstLog.log());
    // The log starts with its (empty) replay.
    firstLog.replay(first, firstRegistry);
    Hub firstHub = Hub.start(vertx, first).await();
    claim(vertx, firstHub.port());
    firstHub.stop().await();
    firstLog.close();

    DurableStore secondLog = DurableStore.open(config);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    HubServices second =
        HubServices.create(
            config,
            clock,
            secondLog.openStore(HubMain.storeConfig(config)),
            registry,
            secondLog.log());
    secondLog.replay(second, registry);
    assertAlicesJobUntouched(second.jobs().get(JOB).orElseThrow());
    assertEquals(1.0, second.meters().jobConflictsCount(), "the replay met the same conflict");

    // The job ends on node-b; closing the archiver archives it at once, with the identity the
    // registry kept.
    second.jobs().ended("node-b", JOB, T0 + 10_000);
    second.archive().close();
    secondLog.close();
    try (JobArchive file = JobArchive.open(data.resolve(HubServices.ARCHIVE_FILE))) {
      ArchivedJob row = file.get(JOB).orElseThrow();
      assertAlicesJobUntouched(row.job());
      assertEquals(T0 + 10_000, row.job().endMs());
    }
  }
}
