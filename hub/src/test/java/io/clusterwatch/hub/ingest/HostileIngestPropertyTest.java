package io.clusterwatch.hub.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.hub.config.HubConfig;
import io.clusterwatch.hub.config.HubConfigReader;
import io.clusterwatch.hub.jobs.Job;
import io.clusterwatch.hub.store.SeriesData;
import io.clusterwatch.hub.store.SeriesInfo;
import io.clusterwatch.hub.store.SeriesQuery;
import io.clusterwatch.hub.support.TestAgent;
import io.clusterwatch.hub.support.TestHub;
import io.clusterwatch.hub.support.TestTables;
import io.clusterwatch.protocol.SeriesDescriptor;
import io.clusterwatch.protocol.SeriesKey;
import io.clusterwatch.protocol.arbitrary.FrameMutations;
import io.clusterwatch.protocol.arbitrary.JsonMutations;
import io.clusterwatch.protocol.message.Ack;
import io.clusterwatch.protocol.message.ControlMessage;
import io.clusterwatch.protocol.message.ControlMessageCodec;
import io.clusterwatch.protocol.message.ErrorMessage;
import io.clusterwatch.protocol.message.JobEvent;
import io.clusterwatch.protocol.message.JobInfo;
import io.clusterwatch.protocol.message.JobSnapshot;
import io.clusterwatch.protocol.message.Schema;
import io.clusterwatch.protocol.message.Welcome;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Hostile input from one host over real WebSockets while another host streams valid data: mutated
 * data frames, mutated hellos (some claiming the other host) and forged later messages close only
 * the hostile connection, with the protocol's error, and leave the other host's stored series and
 * jobs exactly as that host sent them. Fewer tries than the codec's properties: each is a
 * connection.
 */
class HostileIngestPropertyTest {
  private static final long T0 = 1_764_072_000_000L;
  private static final String HONEST = "node-b";
  private static final String HOSTILE = "node-a";
  private static final String HONEST_JOB = "4711";

  /** The codes a closed hostile connection may carry: all of them name bad input. */
  private static final Set<String> INPUT_ERRORS =
      Set.of(
          "bad_frame_length",
          "bad_frame_type",
          "unsupported_version",
          "bad_schema_version",
          "frame_too_large",
          "bad_json",
          "bad_message",
          "bad_series",
          "bad_hello",
          "too_many_series",
          "host_in_use",
          "message_too_large",
          "no_hello");

  private final ControlMessageCodec codec = new ControlMessageCodec();
  private Vertx vertx;
  private TestHub hub;
  private TestAgent honest;
  private long honestSeq;

  @BeforeProperty
  void start() {
    vertx = Vertx.vertx();
    HubConfig config =
        new HubConfigReader()
            .read(
                String.join(
                    "\n",
                    "ingest:",
                    "  max_frame: 4096",
                    "  max_text_message: 1MiB",
                    "  max_series_per_agent: 1000",
                    "  hello_timeout: 5s"),
                "test.yaml");
    hub = new TestHub(vertx, config, Clock.systemUTC());
    honest = hub.agent();
    honest.send(TestAgent.hello(HONEST, "agent-b", TestTables.node(1), 0));
    honest.next(Welcome.class);
    honest.send(
        new JobEvent(
            JobEvent.STARTED,
            T0,
            new JobInfo(HONEST_JOB, "bob", "train", List.of(TestTables.GPU0), T0, "", Map.of())));
    honestStreams();
  }

  @AfterProperty
  void stop() {
    honest.close();
    hub.stop();
    vertx.close().await();
  }

  @Property(tries = 200)
  void mutatedFramesCloseOnlyTheirOwnConnection(
      @ForAll("mutatedFrames") FrameMutations.Mutated frame) {
    try (TestAgent hostile = welcomedAs(HOSTILE, "agent-a")) {
      hostile.sendBinary(frame.bytes());
      assertAckOrClosedWithInputError(hostile);
    }
    assertHonestHostIntact();
  }

  @Property(tries = 150)
  void mutatedHellosCloseOnlyTheirOwnConnection(
      @ForAll("mutatedHellos") JsonMutations.Mutated hello) {
    try (TestAgent hostile = hub.agent()) {
      hostile.sendText(hello.text());
      ControlMessage reply = hostile.next();
      if (reply instanceof ErrorMessage e) {
        assertClosedWithInputError(hostile, e);
      } else {
        assertInstanceOf(Welcome.class, reply);
      }
    }
    assertHonestHostIntact();
  }

  /**
   * A hostile agent holding its own host sends the honest host's table and frames with its sequence
   * numbers and timestamps, a second hello for the honest host, an end of the honest host's job and
   * an empty job list: all of it lands on its own host or is refused.
   */
  @Example
  void forgedClaimsOnAnotherHostChangeNothingOfIt() {
    try (TestAgent hostile = welcomedAs(HOSTILE, "agent-a")) {
      hostile.send(new Schema(TestTables.node(2)));
      long seq = honestSeq + 1;
      hostile.sendBinary(TestTables.nodeFrame(2, seq, T0 + seq * 1000, 0.99, 0.99));
      hostile.awaitAck(seq);
      hostile.send(new JobEvent(JobEvent.ENDED, T0 + seq * 1000, job(HONEST_JOB)));
      hostile.send(new JobSnapshot(T0 + seq * 1000, List.of()));
      hostile.send(TestAgent.hello(HONEST, "agent-a", TestTables.node(1), 0));
      assertEquals("bad_message", hostile.next(ErrorMessage.class).code());
      assertEquals(1008, hostile.awaitClose());
    }
    assertEquals(0.99, latest(HOSTILE, TestTables.UTIL0), 1e-9, "the frame went to its own host");
    try (TestAgent claimant = hub.agent()) {
      claimant.send(TestAgent.hello(HONEST, "agent-a", TestTables.node(1), 0));
      assertEquals("host_in_use", claimant.next(ErrorMessage.class).code());
      assertEquals(1008, claimant.awaitClose());
    }
    assertHonestHostIntact();
  }

  /** Connects and says hello as {@code host} with the honest host's table. */
  private TestAgent welcomedAs(String host, String agentId) {
    TestAgent a = hub.agent();
    a.send(TestAgent.hello(host, agentId, TestTables.node(1), 0));
    a.next(Welcome.class);
    return a;
  }

  /** A mutated frame is either stored or acknowledged as old, or refused with a close. */
  private static void assertAckOrClosedWithInputError(TestAgent hostile) {
    ControlMessage reply = hostile.next();
    if (reply instanceof ErrorMessage e) {
      assertClosedWithInputError(hostile, e);
    } else {
      assertInstanceOf(Ack.class, reply);
    }
  }

  private static void assertClosedWithInputError(TestAgent hostile, ErrorMessage e) {
    assertTrue(INPUT_ERRORS.contains(e.code()), "unexpected code " + e.code() + ": " + e.message());
    assertFalse(e.message().isBlank(), "the error says what was wrong");
    assertEquals(1008, hostile.awaitClose());
  }

  /**
   * The honest host is still connected, streams one more frame, and holds exactly what it sent: its
   * own series, one utilization point per frame with the value it sent, and its running job.
   */
  private void assertHonestHostIntact() {
    assertTrue(hub.services.agents().get(HONEST).orElseThrow().connected());
    assertFalse(honest.isClosed());
    honestStreams();
    List<SeriesKey> expected = new ArrayList<>();
    for (SeriesDescriptor d : TestTables.node(1).series()) {
      expected.add(d.key());
    }
    List<SeriesKey> stored = new ArrayList<>();
    for (SeriesInfo s : hub.services.store().series(HONEST)) {
      stored.add(s.key());
    }
    assertEquals(expected.stream().sorted().toList(), stored);
    SeriesData util =
        hub.services
            .store()
            .query(
                new SeriesQuery(
                    HONEST,
                    "gpu_utilization_ratio",
                    TestTables.gpu(0),
                    T0,
                    T0 + (honestSeq + 1) * 1000,
                    100_000))
            .get(0);
    assertEquals(honestSeq, util.timestampsMs().length);
    for (int i = 0; i < honestSeq; i++) {
      long seq = i + 1;
      assertEquals(T0 + seq * 1000, util.timestampsMs()[i]);
      // The store keeps gauges as 32-bit floats: exactly the sent value at that precision.
      assertEquals((float) honestUtil(seq), util.avg()[i], 0.0, "point " + seq);
    }
    Job job = hub.services.jobs().get(HONEST_JOB).orElseThrow();
    assertTrue(
        job.allocations().stream()
            .anyMatch(a -> a.host().equals(HONEST) && a.isOpen() && a.holdsGpu()),
        "the honest host's job still holds its GPU: " + job.allocations());
  }

  private void honestStreams() {
    honestSeq++;
    honest.sendBinary(
        TestTables.nodeFrame(1, honestSeq, T0 + honestSeq * 1000, honestUtil(honestSeq), 0.5));
    honest.awaitAck(honestSeq);
  }

  private static double honestUtil(long seq) {
    return (seq % 100) / 100.0;
  }

  private double latest(String host, int position) {
    SeriesDescriptor d = TestTables.node(1).get(position);
    return hub.services.store().latest(host, d.key()).orElseThrow().value();
  }

  private static JobInfo job(String id) {
    return new JobInfo(id, "", "", List.of(), 0, "", Map.of());
  }

  @Provide
  Arbitrary<FrameMutations.Mutated> mutatedFrames() {
    // Sequence 1 at a timestamp past every honest frame: the unmutated frame would be stored.
    return FrameMutations.of(
        Arbitraries.just(TestTables.nodeFrame(1, 1, T0 + 10_000_000, 0.25, 0.75)));
  }

  @Provide
  Arbitrary<JsonMutations.Mutated> mutatedHellos() {
    // Hellos for the hostile host, and for the honest one under another agent id.
    return JsonMutations.of(
        Arbitraries.of(
            codec.encode(TestAgent.hello(HOSTILE, "agent-a", TestTables.node(1), 0)),
            codec.encode(TestAgent.hello(HONEST, "agent-x", TestTables.node(1), 0))));
  }
}
