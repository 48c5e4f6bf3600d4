package io.clusterwatch.hub.ingest;

import static io.clusterwatch.hub.support.TestTables.GPU0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.hub.agents.AgentState;
import io.clusterwatch.hub.config.HubConfig;
import io.clusterwatch.hub.config.HubConfigReader;
import io.clusterwatch.hub.jobs.Job;
import io.clusterwatch.hub.jobs.JobState;
import io.clusterwatch.hub.store.SeriesData;
import io.clusterwatch.hub.store.SeriesQuery;
import io.clusterwatch.hub.support.TestAgent;
import io.clusterwatch.hub.support.TestHub;
import io.clusterwatch.hub.support.TestTables;
import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.message.Ack;
import io.clusterwatch.protocol.message.ErrorMessage;
import io.clusterwatch.protocol.message.Hello;
import io.clusterwatch.protocol.message.JobEvent;
import io.clusterwatch.protocol.message.JobInfo;
import io.clusterwatch.protocol.message.JobSnapshot;
import io.clusterwatch.protocol.message.Schema;
import io.clusterwatch.protocol.message.Welcome;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** /ingest over real WebSockets: the happy path, resume, jobs, schema changes. */
@ExtendWith(VertxExtension.class)
class IngestTest {
  static final long T0 = 1_764_072_000_000L;
  private TestHub hub;

  @BeforeEach
  void start(Vertx vertx) {
    hub = new TestHub(vertx);
  }

  private double latestUtil0(String host) {
    return hub.services
        .store()
        .latest(
            host,
            new io.clusterwatch.protocol.SeriesKey("gpu_utilization_ratio", TestTables.gpu(0)))
        .orElseThrow()
        .value();
  }

  @Test
  void helloIsWelcomedAndFramesAreStoredAndAcknowledged() {
    try (TestAgent a = hub.agent()) {
      a.send(TestAgent.hello("node-a", "agent-a", TestTables.node(1), 0));
      Welcome w = a.next(Welcome.class);
      assertEquals(0, w.lastSeq());
      assertTrue(w.serverTimeMs() > 0);
      for (int seq = 1; seq <= 3; seq++) {
        a.sendBinary(TestTables.nodeFrame(1, seq, T0 + seq * 1000L, 0.1 * seq, 0.0));
      }
      a.awaitAck(3);
      assertEquals(0.3, latestUtil0("node-a"), 1e-6);
      AgentState s = hub.services.agents().get("node-a").orElseThrow();
      assertEquals(3, s.framesReceived());
      assertEquals(3, s.lastSeq());
      assertEquals("agent-a", s.agentId());
      assertTrue(s.connected());
      assertEquals(3 * TestTables.node(1).size(), hub.services.meters().samplesCount(), 0.0);
    }
  }

  @Test
  void resumeAfterReconnectStoresNoDuplicatesAndLeavesNoHoles() {
    try (TestAgent a = hub.agent()) {
      a.send(TestAgent.hello("node-a", "agent-a", TestTables.node(1), 0));
      a.next(Welcome.class);
      for (int seq = 1; seq <= 5; seq++) {
        a.sendBinary(TestTables.nodeFrame(1, seq, T0 + seq * 1000L, seq / 100.0, 0));
      }
      a.awaitAck(5);
    }
    try (TestAgent b = hub.agent()) {
      // The agent saw acks up to 3 only: it resends 4 and 5, then goes on.
      b.send(TestAgent.hello("node-a", "agent-a", TestTables.node(1), 3));
      assertEquals(5, b.next(Welcome.class).lastSeq());
      for (int seq = 4; seq <= 8; seq++) {
        b.sendBinary(TestTables.nodeFrame(1, seq, T0 + seq * 1000L, seq / 100.0, 0));
      }
      b.awaitAck(8);
    }
    List<SeriesData> data =
        hub.services
            .store()
            .query(
                new SeriesQuery(
                    "node-a",
                    "gpu_utilization_ratio",
                    Labels.of("gpu_uuid", GPU0),
                    T0 + 1000,
                    T0 + 8000,
                    100));
    assertEquals(1, data.size());
    SeriesData d = data.get(0);
    assertEquals(8, d.timestampsMs().length);
    for (int i = 0; i < 8; i++) {
      assertEquals(T0 + (i + 1) * 1000L, d.timestampsMs()[i]);
      assertEquals((i + 1) / 100.0, d.avg()[i], 1e-6, "point " + i);
    }
    AgentState s = hub.services.agents().get("node-a").orElseThrow();
    assertEquals(1, s.resumes());
    assertEquals(8, s.framesReceived());
  }

  @Test
  void restartedAgentResendingOldFramesUnderNewSequenceNumbersStoresThemOnce() {
    try (TestAgent a = hub.agent()) {
      a.send(TestAgent.hello("node-a", "agent-a", TestTables.node(1), 0));
      a.next(Welcome.class);
      a.sendBinary(TestTables.nodeFrame(1, 1, T0 + 1000, 0.5, 0));
      a.sendBinary(TestTables.nodeFrame(1, 2, T0 + 2000, 0.6, 0));
      a.awaitAck(2);
    }
    try (TestAgent b = hub.agent()) {
      b.send(TestAgent.hello("node-a", "agent-a", TestTables.node(1), 0));
      assertEquals(0, b.next(Welcome.class).lastSeq());
      b.sendBinary(TestTables.nodeFrame(1, 1, T0 + 2000, 0.9, 0));
      b.sendBinary(TestTables.nodeFrame(1, 2, T0 + 3000, 0.7, 0));
      b.awaitAck(2);
    }
    SeriesData d =
        hub.services
            .store()
            .query(
                new SeriesQuery(
                    "node-a",
                    "gpu_utilization_ratio",
                    Labels.of("gpu_uuid", GPU0),
                    T0 + 1000,
                    T0 + 3000,
                    100))
            .get(0);
    assertEquals(0.6, d.avg()[1], 1e-6, "the tick at T0+2s keeps its first value");
    assertEquals(0.7, d.avg()[2], 1e-6);
  }

  @Test
  void schemaMessageSwitchesTheTable() {
    try (TestAgent a = hub.agent()) {
      a.send(TestAgent.hello("node-a", "agent-a", TestTables.gauges(1, 2), 0));
      a.next(Welcome.class);
      a.sendBinary(TestTables.gaugeFrame(1, 1, T0 + 1000, 2, 0.25));
      a.send(new Schema(TestTables.gauges(2, 3)));
      a.sendBinary(TestTables.gaugeFrame(2, 2, T0 + 2000, 3, 0.5));
      a.awaitAck(2);
      assertEquals(3, hub.services.store().series("node-a").size());
      a.sendBinary(TestTables.gaugeFrame(1, 3, T0 + 3000, 2, 0.75));
      ErrorMessage e = a.next(ErrorMessage.class);
      assertEquals("bad_schema_version", e.code());
      a.awaitClose();
    }
  }

  @Test
  void jobEventsAndSnapshotsFeedTheRegistry() {
    try (TestAgent a = hub.agent()) {
      a.send(TestAgent.hello("node-a", "agent-a", TestTables.node(1), 0));
      a.next(Welcome.class);
      JobInfo job =
          new JobInfo(
              "4711", "alice", "llama-ft", List.of(GPU0), T0, "slurm", Map.of("account", "cs101"));
      a.send(new JobEvent(JobEvent.STARTED, T0, job));
      a.send(new JobSnapshot(T0 + 60_000, List.of()));
      // A frame after the job messages: its ack proves they were handled (one connection, in
      // order).
      a.sendBinary(TestTables.nodeFrame(1, 1, T0 + 61_000, 0.5, 0));
      a.awaitAck(1);
    }
    Job j = hub.services.jobs().get("4711").orElseThrow();
    assertEquals("alice", j.user());
    assertEquals(JobState.FINISHED, j.state());
    assertEquals(T0, j.startMs());
    assertEquals(T0 + 60_000, j.endMs());
    assertEquals(GPU0, j.allocations().get(0).gpuUuid());
  }

  @Test
  void sameAgentReconnectingReplacesItsOldConnection() {
    TestAgent first = hub.agent();
    first.send(TestAgent.hello("node-a", "agent-a", TestTables.node(1), 0));
    first.next(Welcome.class);
    first.sendBinary(TestTables.nodeFrame(1, 1, T0 + 1000, 0.5, 0));
    first.awaitAck(1);
    try (TestAgent second = hub.agent()) {
      second.send(TestAgent.hello("node-a", "agent-a", TestTables.node(1), 1));
      assertEquals(1, second.next(Welcome.class).lastSeq());
      first.awaitClose();
      second.sendBinary(TestTables.nodeFrame(1, 2, T0 + 2000, 0.6, 0));
      second.awaitAck(2);
      assertTrue(hub.services.agents().get("node-a").orElseThrow().connected());
    } finally {
      first.close();
    }
  }

  @Test
  void helloWithAllowedTokenIsWelcomed(Vertx vertx) {
    HubConfig withToken =
        new HubConfigReader()
            .read(
                "ingest: {token: s3cret, max_series_per_agent: 100, max_agents: 10}", "test.yaml");
    TestHub secured = new TestHub(vertx, withToken, Clock.systemUTC());
    try (TestAgent a = secured.agent()) {
      Hello h = TestAgent.hello("node-a", "agent-a", TestTables.node(1), 0);
      a.send(
          new Hello(
              h.protocol(),
              h.host(),
              h.agentId(),
              h.bootId(),
              h.intervalMs(),
              "s3cret",
              0,
              h.agentVersion(),
              h.table(),
              h.attributes()));
      assertFalse(a.next() instanceof ErrorMessage);
    }
  }

  @Test
  void duplicateFramesAreAcknowledgedButNotCounted() {
    try (TestAgent a = hub.agent()) {
      a.send(TestAgent.hello("node-a", "agent-a", TestTables.node(1), 0));
      a.next(Welcome.class);
      a.sendBinary(TestTables.nodeFrame(1, 1, T0 + 1000, 0.5, 0));
      a.awaitAck(1);
      a.sendBinary(TestTables.nodeFrame(1, 1, T0 + 1000, 0.9, 0));
      Ack ack = a.next(Ack.class);
      assertEquals(1, ack.seq());
      assertEquals(1, hub.services.agents().get("node-a").orElseThrow().framesReceived());
      assertEquals(0.5, latestUtil0("node-a"), 1e-6);
    }
  }
}
