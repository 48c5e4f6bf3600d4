package io.clusterwatch.hub.ingest;

import static io.clusterwatch.hub.ingest.IngestTest.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.hub.config.HubConfig;
import io.clusterwatch.hub.config.HubConfigReader;
import io.clusterwatch.hub.support.TestAgent;
import io.clusterwatch.hub.support.TestHub;
import io.clusterwatch.hub.support.TestTables;
import io.clusterwatch.protocol.DataFrameCodec;
import io.clusterwatch.protocol.message.ErrorMessage;
import io.clusterwatch.protocol.message.Hello;
import io.clusterwatch.protocol.message.Welcome;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Clock;
import java.util.Arrays;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every kind of bad ingest input gets a JSON error naming it and a close, stores nothing, and does
 * not disturb another agent that keeps streaming meanwhile.
 */
@ExtendWith(VertxExtension.class)
class IngestRejectionTest {
  private static final int MAX_FRAME_BYTES = 4096;
  private static final int MAX_SERIES = 100;
  private static final String TOKEN = "s3cret";
  private TestHub hub;
  private TestAgent bystander;
  private long bystanderSeq;

  @BeforeEach
  void start(Vertx vertx) {
    HubConfig config =
        new HubConfigReader()
            .read(
                String.join(
                    "\n",
                    "ingest:",
                    "  token: " + TOKEN,
                    "  max_frame: " + MAX_FRAME_BYTES,
                    "  max_text_message: 1MiB",
                    "  max_series_per_agent: " + MAX_SERIES,
                    "  max_agents: 10",
                    "  hello_timeout: 500ms"),
                "test.yaml");
    hub = new TestHub(vertx, config, Clock.systemUTC());
    bystander = hub.agent();
    bystander.send(hello("bystander", "agent-b", TestTables.node(1), 0));
    bystander.next(Welcome.class);
    bystanderStreams();
  }

  private static Hello hello(
      String host, String agentId, io.clusterwatch.protocol.SeriesTable table, long lastAcked) {
    return TestAgent.withToken(TestAgent.hello(host, agentId, table, lastAcked), TOKEN);
  }

  /** The bystander sends one more frame and gets it acknowledged and stored. */
  private void bystanderStreams() {
    bystanderSeq++;
    bystander.sendBinary(TestTables.nodeFrame(1, bystanderSeq, T0 + bystanderSeq * 1000, 0.5, 0));
    bystander.awaitAck(bystanderSeq);
    assertEquals(
        bystanderSeq, hub.services.agents().get("bystander").orElseThrow().framesReceived());
  }

  /** Runs {@code badInput} on a fresh connection and checks the error, the close and the rest. */
  private void assertRejected(String code, Consumer<TestAgent> badInput) {
    try (TestAgent bad = hub.agent()) {
      badInput.accept(bad);
      ErrorMessage e = bad.next(ErrorMessage.class);
      assertEquals(code, e.code(), e.message());
      assertFalse(e.message().isEmpty());
      assertEquals(1008, bad.awaitClose());
    }
    for (var series : hub.services.store().series("bad-node")) {
      assertTrue(
          hub.services.store().latest("bad-node", series.key()).isEmpty(),
          "nothing of the bad input is stored: " + series.key());
    }
    assertTrue(bystanderStillConnected());
    bystanderStreams();
  }

  private boolean bystanderStillConnected() {
    return hub.services.agents().get("bystander").orElseThrow().connected()
        && !bystander.isClosed();
  }

  @Test
  void unknownProtocolVersion() {
    Hello h = hello("bad-node", "agent-x", TestTables.node(1), 0);
    assertRejected(
        "unsupported_version",
        a ->
            a.send(
                new Hello(
                    2,
                    h.host(),
                    h.agentId(),
                    h.bootId(),
                    h.intervalMs(),
                    h.token(),
                    0,
                    h.agentVersion(),
                    h.table(),
                    h.attributes())));
    assertTrue(hub.services.agents().get("bad-node").isEmpty());
  }

  @Test
  void wrongToken() {
    assertRejected(
        "unauthorized",
        a ->
            a.send(
                TestAgent.withToken(hello("bad-node", "agent-x", TestTables.node(1), 0), "guess")));
    assertTrue(hub.services.agents().get("bad-node").isEmpty());
  }

  @Test
  void malformedJson() {
    assertRejected("bad_json", a -> a.sendText("{\"type\": \"hello\", "));
  }

  @Test
  void jsonThatIsNoKnownMessage() {
    assertRejected("bad_message", a -> a.sendText("{\"type\": \"launch\"}"));
  }

  @Test
  void binaryFrameBeforeHello() {
    assertRejected("no_hello", a -> a.sendBinary(TestTables.nodeFrame(1, 1, T0, 0.5, 0)));
  }

  @Test
  void oversizedFrame() {
    assertRejected(
        "frame_too_large",
        a -> {
          a.send(hello("bad-node", "agent-x", TestTables.gauges(1, 4), 0));
          a.next(Welcome.class);
          a.sendBinary(new byte[MAX_FRAME_BYTES + 1]);
        });
  }

  @Test
  void frameWhoseLengthDoesNotMatchItsTable() {
    assertRejected(
        "bad_frame_length",
        a -> {
          a.send(hello("bad-node", "agent-x", TestTables.gauges(1, 4), 0));
          a.next(Welcome.class);
          a.sendBinary(TestTables.gaugeFrame(1, 1, T0, 5, 0.5));
        });
  }

  @Test
  void truncatedFrame() {
    assertRejected(
        "bad_frame_length",
        a -> {
          a.send(hello("bad-node", "agent-x", TestTables.gauges(1, 4), 0));
          a.next(Welcome.class);
          byte[] frame = TestTables.gaugeFrame(1, 1, T0, 4, 0.5);
          a.sendBinary(Arrays.copyOf(frame, frame.length - 3));
        });
  }

  @Test
  void frameShorterThanItsHeader() {
    assertRejected(
        "bad_frame_length",
        a -> {
          a.send(hello("bad-node", "agent-x", TestTables.gauges(1, 4), 0));
          a.next(Welcome.class);
          a.sendBinary(new byte[DataFrameCodec.HEADER_LENGTH - 1]);
        });
  }

  @Test
  void unknownFrameType() {
    assertRejected(
        "bad_frame_type",
        a -> {
          a.send(hello("bad-node", "agent-x", TestTables.gauges(1, 4), 0));
          a.next(Welcome.class);
          byte[] frame = TestTables.gaugeFrame(1, 1, T0, 4, 0.5);
          frame[0] = 7;
          a.sendBinary(frame);
        });
  }

  @Test
  void moreSeriesThanTheLimit() {
    assertRejected(
        "too_many_series",
        a -> a.send(hello("bad-node", "agent-x", TestTables.gauges(1, MAX_SERIES + 1), 0)));
  }

  @Test
  void schemaWithMoreSeriesThanTheLimit() {
    assertRejected(
        "too_many_series",
        a -> {
          a.send(hello("bad-node", "agent-x", TestTables.gauges(1, 4), 0));
          a.next(Welcome.class);
          a.send(new io.clusterwatch.protocol.message.Schema(TestTables.gauges(2, MAX_SERIES + 1)));
        });
  }

  @Test
  void secondAgentClaimingAHostAnotherLiveConnectionHolds() {
    assertRejected(
        "host_in_use", a -> a.send(hello("bystander", "agent-intruder", TestTables.node(1), 0)));
    assertEquals("agent-b", hub.services.agents().get("bystander").orElseThrow().agentId());
  }

  @Test
  void badHostName() {
    assertRejected("bad_hello", a -> a.send(hello("../etc", "agent-x", TestTables.node(1), 0)));
  }

  @Test
  void helloThatNeverComes() {
    assertRejected("hello_timeout", a -> {});
  }

  @Test
  void textMessageOverTheLimit() {
    assertRejected("message_too_large", a -> a.sendText("\"" + "x".repeat((1 << 20) + 1) + "\""));
  }

  @Test
  void secondHello() {
    assertRejected(
        "bad_message",
        a -> {
          a.send(hello("bad-node", "agent-x", TestTables.gauges(1, 4), 0));
          a.next(Welcome.class);
          a.send(hello("bad-node", "agent-x", TestTables.gauges(1, 4), 0));
        });
  }
}
