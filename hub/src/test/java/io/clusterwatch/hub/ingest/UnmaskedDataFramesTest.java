package io.clusterwatch.hub.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.hub.config.HubConfigReader;
import io.clusterwatch.hub.support.TestAgent;
import io.clusterwatch.hub.support.TestHub;
import io.clusterwatch.hub.support.TestTables;
import io.clusterwatch.protocol.message.Welcome;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.junit5.VertxExtension;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code ingest.unmasked_data_frames} (protocol/README.md, "Masking"): the welcome offers unmasked
 * data frames and the hub reads them; switched off, it offers nothing and drops a connection that
 * sends an unmasked frame, as RFC 6455 section 5.1 asks.
 */
@ExtendWith(VertxExtension.class)
class UnmaskedDataFramesTest {
  private static final long T0 = 1_764_072_000_000L;
  private static final WebSocketClientOptions UNMASKED =
      new WebSocketClientOptions().setSendUnmaskedFrames(true);

  private static TestHub hub(Vertx vertx, String unmasked) {
    return new TestHub(
        vertx,
        new HubConfigReader()
            .read("ingest:\n  unmasked_data_frames: " + unmasked + "\n", "test.yaml"),
        Clock.systemUTC());
  }

  @Test
  void byDefaultTheWelcomeOffersUnmaskedFramesAndTheyAreStored(Vertx vertx) {
    TestHub hub = new TestHub(vertx);
    try (TestAgent a = TestAgent.connect(vertx, hub.port(), UNMASKED)) {
      a.send(TestAgent.hello("node-a", "agent-a", TestTables.node(1), 0));
      assertTrue(a.next(Welcome.class).unmaskedData());
      for (int seq = 1; seq <= 3; seq++) {
        a.sendBinary(TestTables.nodeFrame(1, seq, T0 + seq * 1000L, 0.1 * seq, 0.0));
      }
      a.awaitAck(3);
      assertEquals(3, hub.services.agents().get("node-a").orElseThrow().lastSeq());
    } finally {
      hub.stop();
    }
  }

  @Test
  void maskedFramesStillWorkWhereUnmaskedOnesAreOffered(Vertx vertx) {
    TestHub hub = hub(vertx, "true");
    try (TestAgent a = hub.agent()) {
      a.send(TestAgent.hello("node-a", "agent-a", TestTables.node(1), 0));
      assertTrue(a.next(Welcome.class).unmaskedData());
      a.sendBinary(TestTables.nodeFrame(1, 1, T0, 0.5, 0.0));
      a.awaitAck(1);
    } finally {
      hub.stop();
    }
  }

  @Test
  void switchedOffTheHubOffersNothingAndClosesOnAnUnmaskedFrame(Vertx vertx) {
    TestHub hub = hub(vertx, "false");
    try (TestAgent masked = hub.agent();
        TestAgent unmasked = TestAgent.connect(vertx, hub.port(), UNMASKED)) {
      masked.send(TestAgent.hello("node-m", "agent-m", TestTables.node(1), 0));
      assertFalse(masked.next(Welcome.class).unmaskedData());
      unmasked.send(TestAgent.hello("node-u", "agent-u", TestTables.node(1), 0));
      short status = unmasked.awaitClose();
      // Netty drops the connection; the client reads 1006 where no close frame came first.
      assertTrue(status == 1002 || status == 1006, "closed for a protocol error, got " + status);
      // One agent's protocol error touches no other connection.
      masked.sendBinary(TestTables.nodeFrame(1, 1, T0, 0.5, 0.0));
      masked.awaitAck(1);
      assertTrue(hub.services.agents().get("node-u").isEmpty(), "nothing of node-u was read");
    } finally {
      hub.stop();
    }
  }
}
