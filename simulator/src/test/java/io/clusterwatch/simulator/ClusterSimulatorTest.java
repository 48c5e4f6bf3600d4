package io.clusterwatch.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.protocol.DataFrame;
import io.clusterwatch.protocol.SeriesDescriptor;
import io.clusterwatch.protocol.message.ControlMessage;
import io.clusterwatch.protocol.message.Hello;
import io.clusterwatch.protocol.message.JobEvent;
import io.clusterwatch.protocol.message.JobSnapshot;
import io.clusterwatch.simulator.connection.ConnectionSettings;
import io.clusterwatch.simulator.connection.ConnectionStats;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator's nodes stream over Vert.x WebSockets to a recording WebSocket server. */
class ClusterSimulatorTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final List<String> HOSTS = List.of("gpu-node-01", "gpu-node-02", "gpu-node-03");

  private Vertx hubVertx;
  private Vertx simulatorVertx;
  private RecordingHub hub;

  @BeforeEach
  void setUp() {
    hubVertx = Vertx.vertx();
    simulatorVertx = Vertx.vertx();
    hub = new RecordingHub(hubVertx);
  }

  @AfterEach
  void tearDown() throws Exception {
    simulatorVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    hub.close();
    hubVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private ClusterSimulator start(int port, Duration interval) {
    ConnectionSettings connection =
        ConnectionSettings.defaults(URI.create("ws://127.0.0.1:" + port + "/ingest"), "")
            .withBackoff(Duration.ofMillis(50), Duration.ofMillis(200));
    ClusterSimulator simulator =
        new ClusterSimulator(
            new SimulatorOptions(HOSTS.size(), 5, interval, connection, "test"), Clock.systemUTC());
    simulatorVertx.deployVerticle(simulator).await();
    return simulator;
  }

  @Test
  void everyNodeHelloesStreamsFramesAndReportsItsJobs() throws Exception {
    ClusterSimulator simulator = start(hub.start(), Duration.ofMillis(200));
    assertEquals(HOSTS, simulator.hosts());
    hub.await(
        records ->
            HOSTS.stream()
                .allMatch(
                    h ->
                        records.containsKey(h)
                            && records.get(h).received.size() >= 3
                            && records.get(h).messages.stream()
                                .anyMatch(m -> m instanceof JobSnapshot)
                            && records.get(h).messages.stream()
                                .anyMatch(m -> m instanceof JobEvent)),
        WAIT);

    for (String host : HOSTS) {
      RecordingHub.HostRecord r = hub.host(host);
      Hello hello = (Hello) r.messages.get(0);
      assertEquals(host, hello.host());
      assertEquals(200, hello.intervalMs());
      assertEquals("test", hello.agentVersion());
      assertEquals("true", hello.attributes().get("simulated"));
      Set<String> uuids = new HashSet<>();
      for (SeriesDescriptor d : hello.table().series()) {
        if (d.metric().equals("gpu_info")) {
          uuids.add(d.labels().get("gpu_uuid"));
        }
      }
      assertEquals(8, uuids.size());
      for (ControlMessage m : r.messages) {
        if (m instanceof JobEvent e) {
          assertEquals(JobEvent.STARTED, e.event());
          assertTrue(uuids.containsAll(e.job().gpuUuids()), "job GPUs on " + host);
        }
        if (m instanceof JobSnapshot s) {
          assertFalse(s.jobs().isEmpty(), host + " starts with jobs");
          s.jobs().forEach(j -> assertTrue(uuids.containsAll(j.gpuUuids())));
        }
      }
      assertConsecutiveFromOne(r.received, host);
      for (int i = 1; i < r.received.size(); i++) {
        assertTrue(r.received.get(i).timestampMs() >= r.received.get(i - 1).timestampMs());
      }
    }
    simulator
        .when(stats -> stats.values().stream().allMatch(s -> s.framesAcked() >= 3))
        .await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Test
  void aReconnectResendsTheUnacknowledgedFramesWithoutHoles() throws Exception {
    int port = hub.start();
    hub.acking(false);
    ClusterSimulator simulator = start(port, Duration.ofMillis(50));
    hub.await(
        records ->
            HOSTS.stream()
                .allMatch(h -> records.containsKey(h) && records.get(h).received.size() >= 6),
        WAIT);
    // The simulator counts a frame as sent once its write completed, which can come after the hub
    // read it: await its own count rather than read it at once.
    Map<String, ConnectionStats> buffered =
        simulator
            .when(
                stats ->
                    HOSTS.stream()
                        .allMatch(h -> stats.containsKey(h) && stats.get(h).bufferedFrames() >= 6))
            .await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertTrue(
        buffered.values().stream().allMatch(s -> s.framesAcked() == 0),
        "nothing acked, everything buffered: " + buffered);

    // The hub goes away having stored only frames 1 and 2 of what it received.
    hub.crash(2);
    hub.await(
        records ->
            HOSTS.stream()
                .allMatch(
                    h -> records.get(h).connections == 2 && records.get(h).lastStoredSeq() >= 12),
        WAIT);

    for (String host : HOSTS) {
      RecordingHub.HostRecord r = hub.host(host);
      assertConsecutiveFromOne(r.stored, host + " stored");
      long resent = r.received.stream().filter(f -> f.sequence() == 3).count();
      assertEquals(2, resent, host + ": frame 3 was sent, not acked, and sent again");
    }
    simulator
        .when(
            stats ->
                stats.values().stream()
                    .allMatch(
                        s ->
                            s.connected()
                                && s.reconnects() == 1
                                && s.lastAckedSeq() >= 12
                                && s.framesDropped() == 0))
        .await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static void assertConsecutiveFromOne(List<DataFrame> frames, String what) {
    assertFalse(frames.isEmpty(), what);
    assertEquals(1, frames.get(0).sequence(), what);
    for (int i = 1; i < frames.size(); i++) {
      assertEquals(
          frames.get(i - 1).sequence() + 1,
          frames.get(i).sequence(),
          what + ": no hole and no repeat at index " + i);
    }
  }
}
