package io.clusterwatch.hub.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.hub.Hub;
import io.clusterwatch.hub.HubMain;
import io.clusterwatch.hub.HubServices;
import io.clusterwatch.hub.config.HubConfig;
import io.clusterwatch.hub.jobs.JobState;
import io.clusterwatch.hub.metrics.StoreMeters;
import io.clusterwatch.hub.store.ColumnarSampleStore;
import io.clusterwatch.hub.store.SeriesData;
import io.clusterwatch.hub.store.SeriesQuery;
import io.clusterwatch.hub.support.TestAgent;
import io.clusterwatch.hub.support.TestTables;
import io.clusterwatch.hub.wal.FailingSegmentFiles;
import io.clusterwatch.hub.wal.WriteAheadLog;
import io.clusterwatch.protocol.message.Ack;
import io.clusterwatch.protocol.message.ControlMessage;
import io.clusterwatch.protocol.message.JobEvent;
import io.clusterwatch.protocol.message.JobInfo;
import io.clusterwatch.protocol.message.Schema;
import io.clusterwatch.protocol.message.Welcome;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingest with a write-ahead log on real files, over real sockets: acknowledgements wait for the
 * log, stop while the disk fails and resume by themselves; a second hub on the same log has every
 * frame once and welcomes the agent with its last durable sequence.
 */
@ExtendWith(VertxExtension.class)
class DurableIngestTest {
  static final long T0 = 1_764_072_000_000L;
  @TempDir Path dir;

  private final FailingSegmentFiles disk = new FailingSegmentFiles();

  /** A hub whose ingest logs to {@code dir}, replayed first. */
  private record DurableHub(
      HubServices services, WriteAheadLog log, Hub hub, PrometheusMeterRegistry registry) {}

  private DurableHub start(Vertx vertx) throws Exception {
    HubConfig config = HubConfig.defaults().withPort(0);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    WriteAheadLog log = new WriteAheadLog(dir, disk, Duration.ofMillis(20), 1 << 20, 1 << 20);
    HubServices services =
        HubServices.create(
            config,
            Clock.systemUTC(),
            new ColumnarSampleStore(HubMain.storeConfig(config)),
            registry,
            log);
    log.replayAndStart(new LogReplayer(services.store(), services.agents(), services.jobs()));
    StoreMeters.register(registry, log);
    return new DurableHub(services, log, Hub.start(vertx, services).await(), registry);
  }

  private static double[] util0(HubServices s, int fromSec, int toSec) {
    List<SeriesData> d =
        s.store()
            .query(
                new SeriesQuery(
                    "node-a",
                    "gpu_utilization_ratio",
                    TestTables.gpu(0),
                    T0 + fromSec * 1000L,
                    T0 + toSec * 1000L,
                    1000));
    return d.get(0).avg();
  }

  @Test
  void acknowledgementsStopWhileTheDiskFailsAndResumeByThemselves(Vertx vertx) throws Exception {
    DurableHub h = start(vertx);
    try (TestAgent a = TestAgent.connect(vertx, h.hub().port())) {
      a.send(TestAgent.hello("node-a", "agent-a", TestTables.node(1), 0));
      assertEquals(0, a.next(Welcome.class).lastSeq());
      for (int seq = 1; seq <= 3; seq++) {
        a.sendBinary(TestTables.nodeFrame(1, seq, T0 + seq * 1000L, seq / 10.0, 0));
      }
      a.awaitAck(3);

      disk.failing(true);
      a.sendBinary(TestTables.nodeFrame(1, 4, T0 + 4000, 0.4, 0));
      a.sendBinary(TestTables.nodeFrame(1, 5, T0 + 5000, 0.5, 0));
      assertTrue(disk.failures.tryAcquire(3, 10, TimeUnit.SECONDS), "the log kept trying");
      for (ControlMessage m = a.poll(); m != null; m = a.poll()) {
        assertTrue(
            !(m instanceof Ack ack) || ack.seq() <= 3, "acknowledged while the disk failed: " + m);
      }
      assertEquals(
          0.5,
          h.services()
              .store()
              .latest(
                  "node-a",
                  new io.clusterwatch.protocol.SeriesKey(
                      "gpu_utilization_ratio", TestTables.gpu(0)))
              .orElseThrow()
              .value(),
          1e-6,
          "live data is served while the disk fails");
      String metrics = h.registry().scrape();
      assertTrue(metrics.contains("clusterwatch_store_write_errors_total"), metrics);
      // the disk signals a failure just before the log counts it: the third may not be counted yet
      assertTrue(h.log().writeErrors() >= 2, "write errors: " + h.log().writeErrors());

      disk.failing(false);
      a.awaitAck(5);
    }
  }

  @Test
  void everyConnectionIsAcknowledgedAfterTheSyncAndTheOthersStillAreAfterOneLeaves(Vertx vertx)
      throws Exception {
    DurableHub h = start(vertx);
    List<TestAgent> agents = new ArrayList<>();
    try {
      for (String node : List.of("node-a", "node-b", "node-c")) {
        TestAgent a = TestAgent.connect(vertx, h.hub().port());
        agents.add(a);
        a.send(TestAgent.hello(node, "agent-" + node, TestTables.node(1), 0));
        a.next(Welcome.class);
      }
      for (int seq = 1; seq <= 2; seq++) {
        for (TestAgent a : agents) {
          a.sendBinary(TestTables.nodeFrame(1, seq, T0 + seq * 1000L, seq / 10.0, 0));
        }
      }
      for (TestAgent a : agents) {
        a.awaitAck(2);
      }
      // The first connection's close must not stop the others' acknowledgements.
      agents.remove(0).close();
      for (TestAgent a : agents) {
        a.sendBinary(TestTables.nodeFrame(1, 3, T0 + 3000, 0.3, 0));
      }
      for (TestAgent a : agents) {
        a.awaitAck(3);
      }
    } finally {
      for (TestAgent a : agents) {
        a.close();
      }
    }
  }

  @Test
  void aRestartedHubReplaysEveryFrameOnceAndWelcomesWithTheDurableSequence(Vertx vertx)
      throws Exception {
    DurableHub first = start(vertx);
    try (TestAgent a = TestAgent.connect(vertx, first.hub().port())) {
      a.send(TestAgent.hello("node-a", "agent-a", TestTables.node(1), 0));
      a.next(Welcome.class);
      a.send(
          new JobEvent(
              JobEvent.STARTED,
              T0,
              new JobInfo(
                  "42", "alice", "train", List.of(TestTables.GPU0), T0, "slurm", Map.of())));
      for (int seq = 1; seq <= 6; seq++) {
        a.sendBinary(TestTables.nodeFrame(1, seq, T0 + seq * 1000L, seq / 10.0, 0));
      }
      a.awaitAck(6);
    }
    first.hub().stop().await();
    first.log().close();

    DurableHub second = start(vertx);
    assertArrayEquals(
        new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.6}, util0(second.services(), 1, 6), 1e-6);
    assertEquals(JobState.RUNNING, second.services().jobs().get("42").orElseThrow().state());
    try (TestAgent a = TestAgent.connect(vertx, second.hub().port())) {
      a.send(TestAgent.hello("node-a", "agent-a", TestTables.node(1), 6));
      assertEquals(
          6, a.next(Welcome.class).lastSeq(), "the welcome carries the last durable sequence");
      // the agent resends what it still holds past an older ack: acknowledged, not stored again
      a.sendBinary(TestTables.nodeFrame(1, 7, T0 + 6000, 0.9, 0));
      a.sendBinary(TestTables.nodeFrame(1, 8, T0 + 7000, 0.7, 0));
      a.awaitAck(8);
    }
    assertArrayEquals(
        new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7}, util0(second.services(), 1, 7), 1e-6);
    second.log().close();
  }

  @Test
  void aSchemaChangeIsReplayedAsItCame(Vertx vertx) throws Exception {
    DurableHub first = start(vertx);
    try (TestAgent a = TestAgent.connect(vertx, first.hub().port())) {
      a.send(TestAgent.hello("node-a", "agent-a", TestTables.gauges(1, 2), 0));
      a.next(Welcome.class);
      a.sendBinary(TestTables.gaugeFrame(1, 1, T0 + 1000, 2, 0.25));
      a.send(new Schema(TestTables.gauges(2, 3)));
      a.sendBinary(TestTables.gaugeFrame(2, 2, T0 + 2000, 3, 0.5));
      a.awaitAck(2);
    }
    first.hub().stop().await();
    first.log().close();

    DurableHub second = start(vertx);
    List<SeriesData> third =
        second
            .services()
            .store()
            .query(
                new SeriesQuery(
                    "node-a",
                    "test_gauge_ratio",
                    io.clusterwatch.protocol.Labels.of("i", "2"),
                    T0,
                    T0 + 3000,
                    1000));
    assertEquals(1, third.size(), "the series the schema added");
    SeriesData added = third.get(0);
    int last = added.avg().length - 1;
    assertEquals(T0 + 2000, added.timestampsMs()[last]);
    assertEquals(0.5, added.avg()[last], 1e-6, "its frame decoded with the replayed table");
    second.log().close();
  }
}
