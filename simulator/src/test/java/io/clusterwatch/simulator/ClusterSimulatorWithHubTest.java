package io.clusterwatch.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.hub.Hub;
import io.clusterwatch.hub.HubMain;
import io.clusterwatch.hub.HubServices;
import io.clusterwatch.hub.agents.AgentState;
import io.clusterwatch.hub.config.HubConfig;
import io.clusterwatch.hub.metrics.HubVertx;
import io.clusterwatch.hub.store.ColumnarSampleStore;
import io.clusterwatch.simulator.connection.ConnectionSettings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Fifty simulated nodes stream to a real hub in this JVM over real sockets, and the simulator does
 * it with a handful of threads, not one (or two) per node.
 */
class ClusterSimulatorWithHubTest {
  private static final int NODES = 50;

  /** Event loop, blocked-thread checker and what Netty starts once per JVM; far below NODES. */
  private static final int MAX_SIMULATOR_THREADS = 8;

  private static final Duration WAIT = Duration.ofSeconds(60);

  private Vertx hubVertx;
  private HubServices services;
  private int port;

  /** Every thread the simulator's Vert.x starts is born in this group (or in a thread of it). */
  private final ThreadGroup simulatorThreads = new ThreadGroup("simulator-under-test");

  private Vertx simulatorVertx;

  @BeforeEach
  void startHub() {
    HubConfig config = HubConfig.defaults().withPort(0);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    hubVertx = HubVertx.create(registry);
    services =
        HubServices.create(
            config,
            Clock.systemUTC(),
            new ColumnarSampleStore(HubMain.storeConfig(config)),
            registry);
    port = Hub.start(hubVertx, services).await().port();
  }

  @AfterEach
  void stopAll() {
    if (simulatorVertx != null) {
      simulatorVertx.close().await();
    }
    hubVertx.close().await();
  }

  @Test
  void fiftyNodesStreamToARealHubOnOneEventLoop() throws Exception {
    ConnectionSettings connection =
        ConnectionSettings.defaults(URI.create("ws://127.0.0.1:" + port + "/ingest"), "");
    ClusterSimulator simulator =
        new ClusterSimulator(
            new SimulatorOptions(NODES, 3, Duration.ofMillis(200), connection, "test"),
            Clock.systemUTC());
    // Vert.x as `simulate` creates it, created and deployed from a thread of the group, so that
    // every thread it or the simulator starts is counted.
    CompletableFuture<Vertx> deployed = new CompletableFuture<>();
    Thread starter =
        new Thread(
            simulatorThreads,
            () -> {
              try {
                Vertx vertx = Vertx.vertx(ClusterSimulator.vertxOptions());
                vertx.deployVerticle(simulator).await();
                deployed.complete(vertx);
              } catch (Throwable e) {
                deployed.completeExceptionally(e);
              }
            },
            "simulator-starter");
    starter.start();
    simulatorVertx = deployed.get(30, TimeUnit.SECONDS);
    starter.join();

    simulator
        .when(
            stats ->
                stats.size() == NODES
                    && stats.values().stream()
                        .allMatch(s -> s.connected() && s.lastAckedSeq() >= 5))
        .await(WAIT.toMillis(), TimeUnit.MILLISECONDS);

    List<String> threads = threadNames(simulatorThreads);
    assertTrue(
        threads.size() <= MAX_SIMULATOR_THREADS,
        NODES + " nodes streaming on " + threads.size() + " threads: " + threads);
    assertEquals(
        1,
        threads.stream().filter(n -> n.startsWith("vert.x-eventloop")).count(),
        "one event loop carries every node: " + threads);

    assertEquals(simulator.hosts(), services.agents().hosts().stream().sorted().toList());
    for (String host : simulator.hosts()) {
      AgentState agent = services.agents().get(host).orElseThrow();
      assertTrue(agent.connected(), host);
      assertTrue(agent.lastSeq() >= 5, host + " stored up to " + agent.lastSeq());
    }
  }

  private static List<String> threadNames(ThreadGroup group) {
    Thread[] threads = new Thread[group.activeCount() + 16];
    int n = group.enumerate(threads, true);
    List<String> names = new ArrayList<>();
    Arrays.stream(threads, 0, n).forEach(t -> names.add(t.getName()));
    return names;
  }
}
