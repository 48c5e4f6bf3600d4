package io.clusterwatch.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.agent.collect.CollectorContext;
import io.clusterwatch.agent.collect.CollectorRegistry;
import io.clusterwatch.agent.config.AgentConfig;
import io.clusterwatch.agent.config.AgentConfigLoader;
import io.clusterwatch.agent.host.HostFacts;
import io.clusterwatch.agent.host.HostPaths;
import io.clusterwatch.agent.ship.TestHub;
import io.clusterwatch.protocol.message.Hello;
import io.clusterwatch.protocol.message.JobSnapshot;
import io.vertx.core.Vertx;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The running agent end to end: collectors tick, /metrics serves, the shipper streams. */
class AgentTest {
  @Test
  void ticksReachMetricsAndTheHub(@TempDir Path root) throws Exception {
    Path proc = root.resolve("proc");
    Files.createDirectories(proc);
    Files.writeString(proc.resolve("meminfo"), "MemTotal:        3742148 kB\n");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Vertx vertx = Vertx.vertx();
    TestHub.Store store = new TestHub.Store();
    try (TestHub hub = new TestHub(vertx, store)) {
      hub.start(port);
      AgentConfig config = new AgentConfigLoader().parse(String.join("\n",
          "interval: 100ms",
          "procfs: " + proc,
          "metrics: {host: 127.0.0.1, port: 0}",
          "hub: {url: 'ws://127.0.0.1:" + port + "/ingest', token: t0k}",
          "jobs:",
          "  static:",
          "    - {id: lab-3, user: ada, gpus: [GPU-1]}",
          ""));
      HostFacts facts = new HostFacts("n01", "boot-1", Map.of("kernel", "6.1.0"));
      HostPaths paths = new HostPaths(config.procfs(), config.sysfs());
      var collectors = new CollectorRegistry(TestCollectors.factories()).createEnabled(
          new CollectorContext(paths, Clock.systemUTC(), "n01", config, System.getLogger("t")));
      try (Agent agent = Agent.start(config, facts, collectors, Clock.systemUTC())) {
        assertTrue(store.await(s -> s.frames().size() >= 3, Duration.ofSeconds(20)), "frames at the hub");
        Hello hello = (Hello) store.messages().get(0);
        assertEquals("n01-boot-1", hello.agentId());
        assertEquals("t0k", hello.token());
        assertEquals(100, hello.intervalMs());
        assertTrue(store.messages().stream().anyMatch(m -> m instanceof JobSnapshot
            && ((JobSnapshot) m).jobs().get(0).jobId().equals("lab-3")));
        TestHub.Received frame = store.frames().get(2);
        assertEquals(Double.doubleToRawLongBits(3742148.0 * 1024), frame.raw("memory_MemTotal_bytes"));
        frame.raw("agent_collector_success");
        frame.raw("agent_buffered_frames");

        HttpResponse<String> scrape = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.metricsPort() + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(200, scrape.statusCode());
        assertTrue(scrape.body().contains("\nnode_memory_MemTotal_bytes 3.831959552E9\n"), scrape.body());
        assertTrue(scrape.body().contains("DCGM_FI_DEV_GPU_UTIL{Hostname=\"n01\",UUID=\"GPU-1\","
            + "device=\"nvidia0\",gpu=\"0\"} 50.0\n"), scrape.body());
        assertTrue(scrape.body().contains("clusterwatch_agent_frames_dropped_total 0.0\n"), scrape.body());
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
