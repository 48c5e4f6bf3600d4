package io.clusterwatch.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.agent.collect.CollectorContext;
import io.clusterwatch.agent.collect.CollectorRegistry;
import io.clusterwatch.agent.config.AgentConfig;
import io.clusterwatch.agent.config.AgentConfigReader;
import io.clusterwatch.agent.host.HostFacts;
import io.clusterwatch.agent.host.HostPaths;
import io.clusterwatch.agent.ship.TestHub;
import io.clusterwatch.protocol.message.Hello;
import io.clusterwatch.protocol.message.JobEvent;
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
      AgentConfigReader.Configured configured =
          new AgentConfigReader()
              .read(
                  String.join(
                      "\n",
                      "interval: 100ms",
                      "procfs: " + proc,
                      "metrics: {host: 127.0.0.1, port: 0}",
                      "hub: {url: 'ws://127.0.0.1:" + port + "/ingest', token: t0k}",
                      "jobs:",
                      "  slurm: {enabled: false}",
                      "  static:",
                      "    - {id: lab-3, user: ada, gpus: [GPU-1]}",
                      ""),
                  "agent.yaml",
                  new CollectorRegistry(TestCollectors.factories()));
      AgentConfig config = configured.config();
      HostFacts facts = new HostFacts("n01", "boot-1", Map.of("kernel", "6.1.0"));
      HostPaths paths = new HostPaths(config.procfs(), config.sysfs());
      var collectors =
          CollectorRegistry.createEnabled(
              configured.collectors(),
              new CollectorContext(paths, Clock.systemUTC(), "n01", System.getLogger("t")));
      try (Agent agent = Agent.start(config, facts, collectors, Clock.systemUTC())) {
        assertTrue(
            store.await(s -> s.frames().size() >= 3, Duration.ofSeconds(20)), "frames at the hub");
        Hello hello = (Hello) store.messages().get(0);
        assertEquals("n01-boot-1", hello.agentId());
        assertEquals("t0k", hello.token());
        assertEquals(100, hello.intervalMs());
        assertTrue(
            store.messages().stream()
                .anyMatch(
                    m ->
                        m instanceof JobSnapshot
                            && ((JobSnapshot) m).jobs().get(0).jobId().equals("lab-3")));
        TestHub.Received frame = store.frames().get(2);
        assertEquals(
            Double.doubleToRawLongBits(3742148.0 * 1024), frame.raw("memory_MemTotal_bytes"));
        frame.raw("agent_collector_success");
        frame.raw("agent_buffered_frames");

        HttpResponse<String> scrape =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + agent.metricsPort() + "/metrics"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
        assertEquals(200, scrape.statusCode());
        assertTrue(
            scrape.body().contains("\nnode_memory_MemTotal_bytes 3.831959552E9\n"), scrape.body());
        assertTrue(
            scrape
                .body()
                .contains(
                    "DCGM_FI_DEV_GPU_UTIL{Hostname=\"n01\",UUID=\"GPU-1\","
                        + "device=\"nvidia0\",gpu=\"0\"} 50.0\n"),
            scrape.body());
        assertTrue(
            scrape.body().contains("clusterwatch_agent_frames_dropped_total 0.0\n"), scrape.body());
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  /**
   * The Slurm prolog's and epilog's spool files become job events at the hub, as they are written.
   */
  @Test
  void spoolFilesBecomeJobEventsAtTheHub(@TempDir Path root) throws Exception {
    Path proc = Files.createDirectories(root.resolve("proc"));
    Files.writeString(proc.resolve("meminfo"), "MemTotal:        3742148 kB\n");
    Path sys = Files.createDirectories(root.resolve("sys"));
    Path spool = root.resolve("spool");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Vertx vertx = Vertx.vertx();
    TestHub.Store store = new TestHub.Store();
    try (TestHub hub = new TestHub(vertx, store)) {
      hub.start(port);
      // A long discovery interval: the events below can only come from the spool watcher.
      AgentConfigReader.Configured configured =
          new AgentConfigReader()
              .read(
                  String.join(
                      "\n",
                      "interval: 100ms",
                      "procfs: " + proc,
                      "sysfs: " + sys,
                      "metrics: {enabled: false}",
                      "hub: {url: 'ws://127.0.0.1:" + port + "/ingest'}",
                      "jobs:",
                      "  slurm: {enabled: true}",
                      "  spool_dir: " + spool,
                      "  interval: 1h",
                      ""),
                  "agent.yaml",
                  new CollectorRegistry(TestCollectors.factories()));
      AgentConfig config = configured.config();
      HostFacts facts = new HostFacts("n01", "boot-1", Map.of());
      var collectors =
          CollectorRegistry.createEnabled(
              configured.collectors(),
              new CollectorContext(
                  new HostPaths(proc, sys), Clock.systemUTC(), "n01", System.getLogger("t")));
      try (Agent agent = Agent.start(config, facts, collectors, Clock.systemUTC(), "")) {
        assertTrue(store.await(s -> s.frames().size() >= 1, Duration.ofSeconds(20)), "streaming");
        long now = System.currentTimeMillis() / 1000;
        writeSpool(
            spool, "event=started\njob_id=7\nuser=ada\npartition=gpu\ngpus=0\ntime=" + now + "\n");
        assertTrue(
            store.await(s -> event(s, JobEvent.STARTED, "7") != null, Duration.ofSeconds(20)),
            "job 7 started at the hub");
        JobEvent started = event(store, JobEvent.STARTED, "7");
        assertEquals("ada", started.job().user());
        assertEquals("gpu", started.job().attributes().get("partition"));
        assertEquals(
            "0", started.job().attributes().get("unresolved_gpus"), "no GPU 0 on this node");
        assertEquals(now * 1000, started.job().startMs());

        writeSpool(spool, "event=ended\njob_id=7\nuser=ada\ntime=" + now + "\n");
        assertTrue(
            store.await(s -> event(s, JobEvent.ENDED, "7") != null, Duration.ofSeconds(20)),
            "job 7 ended at the hub");
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  /** As the prolog does: a complete file renamed into place. */
  private static void writeSpool(Path spool, String text) throws Exception {
    Files.createDirectories(spool);
    Path tmp = Files.writeString(spool.resolve(".7.tmp"), text);
    Files.move(
        tmp,
        spool.resolve("7.job"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  private static JobEvent event(TestHub.Store store, String kind, String jobId) {
    return store.messages().stream()
        .filter(m -> m instanceof JobEvent)
        .map(m -> (JobEvent) m)
        .filter(e -> e.event().equals(kind) && e.job().jobId().equals(jobId))
        .findFirst()
        .orElse(null);
  }
}
