package io.clusterwatch.hub.remotewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.hub.support.TestAgent;
import io.clusterwatch.hub.support.TestTables;
import io.clusterwatch.protocol.message.Welcome;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hub with a data directory over real sockets (agent in, remote write out to a receiver on port
 * 0) whose endpoint reads the write-ahead log: a database outage far longer than the in-memory
 * capacity, and a restart of the hub with samples not yet delivered, lose nothing and send nothing
 * twice, each series in order.
 */
@Timeout(120)
class RemoteWriteFromLogTest {
  static final long T0 = 1_764_072_000_000L;

  /** Samples per frame of {@link TestTables#node}: every series is present. */
  static final int SERIES = TestTables.node(1).size();

  static final int CAPACITY = 200;
  static final int PER_SEND = 50;

  @TempDir Path data;
  Vertx vertx;
  ScriptedWriteServer server;
  AcceptedSamples accepted;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    server = new ScriptedWriteServer(vertx);
    accepted = new AcceptedSamples(server);
  }

  @AfterEach
  void stop() {
    server.close();
    vertx.close().await();
  }

  RemoteWriteSettings endpoint(int shards) {
    return new RemoteWriteSettings(
        server.url(),
        "test",
        Duration.ofSeconds(5),
        Map.of(),
        null,
        null,
        null,
        new RemoteWriteSettings.QueueConfig(
            CAPACITY,
            shards,
            PER_SEND,
            Duration.ofMillis(100),
            Duration.ofMillis(20),
            Duration.ofMillis(200)),
        Map.of());
  }

  static void hello(TestAgent a) {
    a.send(TestAgent.hello("node-a", "agent-a", TestTables.node(1), 0));
    a.next(Welcome.class);
  }

  /** Frames {@code from..to}, one second apart, acknowledged (so in the log). */
  static void frames(TestAgent a, int from, int to) {
    for (int s = from; s <= to; s++) {
      a.sendBinary(TestTables.nodeFrame(1, s, T0 + s * 1000L, s / 1000.0, 0));
    }
    a.awaitAck(to);
  }

  static List<Long> seconds(int from, int to) {
    List<Long> out = new ArrayList<>();
    for (int s = from; s <= to; s++) {
      out.add(T0 + s * 1000L);
    }
    return out;
  }

  /** Every series the receiver accepted has exactly {@code expected}, in this order. */
  void assertEverySeries(List<Long> expected) {
    assertEquals(SERIES, accepted.all().size(), accepted.all().keySet().toString());
    accepted
        .all()
        .forEach((series, ts) -> assertEquals(expected, ts, "samples of " + series + " in order"));
  }

  @Test
  void anOutageLongerThanTheMemoryQueueLosesNothingOnceTheDatabaseIsBack() throws Exception {
    server.refuseAll(503);
    try (DurableWriteHub hub = new DurableWriteHub(vertx, data, endpoint(2));
        TestAgent a = TestAgent.connect(vertx, hub.port())) {
      hello(a);
      frames(a, 1, 100); // 1,300 samples against a capacity of 200
      accepted.awaitRefusal();
      double pending = hub.meter("prometheus_remote_storage_samples_pending");
      assertTrue(
          pending <= CAPACITY + 2 * PER_SEND + SERIES,
          "memory holds the capacity, one request per shard and one tick over it: " + pending);

      server.acceptAll();
      accepted.awaitTotal(100L * SERIES);
      accepted.drain(300);

      assertEverySeries(seconds(1, 100));
      assertEquals(0.0, hub.meter("prometheus_remote_storage_samples_dropped"));
      assertTrue(hub.meter("prometheus_remote_storage_samples_retried") > 0);
    }
  }

  @Test
  void aRestartedHubSendsWhatItHadNotDeliveredAndNothingTwice() throws Exception {
    try (DurableWriteHub hub = new DurableWriteHub(vertx, data, endpoint(1));
        TestAgent a = TestAgent.connect(vertx, hub.port())) {
      hello(a);
      frames(a, 1, 10);
      accepted.awaitTotal(10L * SERIES);
      server.refuseAll(503);
      frames(a, 11, 30);
      // one shard: the refused request went out only after every earlier one was acknowledged
      accepted.awaitRefusal();
    }
    assertTrue(Files.exists(data.resolve("remote_write/test.position")));

    server.acceptAll();
    try (DurableWriteHub again = new DurableWriteHub(vertx, data, endpoint(1))) {
      accepted.awaitTotal(30L * SERIES);
      accepted.drain(500);
      assertEverySeries(seconds(1, 30));
      assertEquals(20.0 * SERIES, again.meter("prometheus_remote_storage_samples"));
    }
  }
}
