package io.clusterwatch.hub.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The hub's acceptor and event loop threads sleep until there is work, where Netty 4.2 wakes an
 * idle event loop every second. Counted as each thread's voluntary context switches (each one a
 * sleep, so each a later wake) from /proc over a few seconds of an idle server: there is no event
 * to await when what is checked is that nothing happens. Beside it, the same server on a plain
 * Vert.x, whose acceptor does wake every second, shows that the count can tell the two apart.
 */
class HubVertxIdleLoopsTest {
  private static final Path TASKS = Path.of("/proc/self/task");
  private static final long IDLE_MS = 3_500;

  /**
   * The kernel keeps 15 characters of "vert.x-acceptor-thread-0" and "vert.x-eventloop-thread-0".
   */
  private static final Set<String> LOOPS = Set.of("vert.x-acceptor", "vert.x-eventloo");

  @Test
  void theHubsLoopsDoNotWakeWhileNothingComes() throws Exception {
    assumeTrue(Files.isDirectory(TASKS), "needs /proc/self/task (Linux)");

    Map<String, Long> plain = loopWakesWhileIdle(Vertx::vertx);
    long plainAcceptor = plain.get("vert.x-acceptor");
    assertTrue(plainAcceptor >= 2, "a plain Vert.x acceptor woke " + plainAcceptor + " times");

    Map<String, Long> hub =
        loopWakesWhileIdle(
            () ->
                HubVertx.create(
                    new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), HubVertx.options(2, 1)));
    assertEquals(LOOPS, hub.keySet(), "threads: " + hub);
    hub.forEach(
        (thread, wakes) ->
            assertTrue(wakes <= 1, thread + " woke " + wakes + " times in " + IDLE_MS + " ms"));
  }

  /**
   * Makes a Vert.x and binds an HTTP server, then counts the wakes of its new acceptor and event
   * loop threads over {@link #IDLE_MS}: per kind, the most of any one thread.
   */
  private static Map<String, Long> loopWakesWhileIdle(Supplier<Vertx> make) throws Exception {
    Set<String> before = loopThreads().keySet();
    Vertx vertx = make.get();
    try {
      HttpServer server =
          vertx
              .createHttpServer()
              .requestHandler(r -> r.response().end())
              .listen(0, "127.0.0.1")
              .toCompletionStage()
              .toCompletableFuture()
              .get(10, TimeUnit.SECONDS);
      assertTrue(server.actualPort() > 0);
      Map<String, String> started = loopThreads();
      started.keySet().removeAll(before);
      Map<String, Long> first = new HashMap<>();
      for (String tid : started.keySet()) {
        first.put(tid, voluntarySwitches(tid));
      }
      Thread.sleep(IDLE_MS);
      Map<String, Long> wakes = new HashMap<>();
      for (Map.Entry<String, String> t : started.entrySet()) {
        long n = voluntarySwitches(t.getKey()) - first.get(t.getKey());
        wakes.merge(t.getValue(), n, Math::max);
      }
      return wakes;
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  /** Thread id to name of this JVM's Vert.x loop threads. */
  private static Map<String, String> loopThreads() throws IOException {
    Map<String, String> tids = new HashMap<>();
    try (Stream<Path> tasks = Files.list(TASKS)) {
      for (Path t : (Iterable<Path>) tasks::iterator) {
        try {
          String name = Files.readString(t.resolve("comm")).trim();
          if (LOOPS.contains(name)) {
            tids.put(t.getFileName().toString(), name);
          }
        } catch (IOException ended) {
          // the thread ended while listed
        }
      }
    }
    return tids;
  }

  private static long voluntarySwitches(String tid) throws IOException {
    List<String> status = Files.readAllLines(TASKS.resolve(tid).resolve("status"));
    for (String line : status) {
      if (line.startsWith("voluntary_ctxt_switches:")) {
        return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
      }
    }
    throw new IllegalStateException("no voluntary_ctxt_switches for thread " + tid);
  }
}
