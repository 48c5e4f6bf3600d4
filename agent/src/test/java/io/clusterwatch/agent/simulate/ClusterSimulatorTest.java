package io.clusterwatch.agent.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.agent.ship.HubSettings;
import io.clusterwatch.protocol.SeriesDescriptor;
import io.clusterwatch.protocol.message.ControlMessage;
import io.clusterwatch.protocol.message.Hello;
import io.clusterwatch.protocol.message.JobEvent;
import io.clusterwatch.protocol.message.JobSnapshot;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator's nodes stream through real shippers to a real WebSocket server. */
class ClusterSimulatorTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private Vertx vertx;
  private RecordingHub hub;
  private ScheduledExecutorService scheduler;

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    hub = new RecordingHub(vertx);
    scheduler = Executors.newScheduledThreadPool(2);
  }

  @AfterEach
  void tearDown() throws Exception {
    scheduler.shutdownNow();
    hub.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void everyNodeHelloesStreamsFramesAndReportsItsJobs() throws Exception {
    int port = hub.start();
    SimulatorOptions options = new SimulatorOptions(3, 5, URI.create("ws://127.0.0.1:" + port
        + "/ingest"), "", Duration.ofMillis(200), HubSettings.defaults(), "test");
    try (ClusterSimulator simulator = new ClusterSimulator(options,
        scheduler, Clock.systemUTC())) {
      simulator.start();
      List<String> hosts = List.of("gpu-node-01", "gpu-node-02", "gpu-node-03");
      assertEquals(hosts, simulator.hosts());
      hub.await(records -> hosts.stream().allMatch(h -> records.containsKey(h)
          && records.get(h).frames.size() >= 3
          && records.get(h).messages.stream().anyMatch(m -> m instanceof JobSnapshot)
          && records.get(h).messages.stream().anyMatch(m -> m instanceof JobEvent)), WAIT);

      for (String host : hosts) {
        RecordingHub.HostRecord r = hub.host(host);
        Hello hello = (Hello) r.messages.get(0);
        assertEquals(host, hello.host());
        assertEquals(200, hello.intervalMs());
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
        for (int i = 1; i < r.frames.size(); i++) {
          assertEquals(r.frames.get(i - 1).sequence() + 1, r.frames.get(i).sequence());
          assertTrue(r.frames.get(i).timestampMs() >= r.frames.get(i - 1).timestampMs());
        }
      }
      assertTrue(simulator.stats().values().stream().allMatch(s -> s.framesSent() >= 3));
    }
  }
}
