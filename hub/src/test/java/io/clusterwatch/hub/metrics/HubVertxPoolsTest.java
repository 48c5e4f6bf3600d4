package io.clusterwatch.hub.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VertxOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The hub's Vert.x thread pools: sized from the CPUs and HTTP instances, not Vert.x's 20 threads.
 */
class HubVertxPoolsTest {
  @Test
  void smallMachineGetsTheMinimumOfBlockingThreadsAndTwoEventLoops() {
    VertxOptions o = HubVertx.options(2, 1);
    assertEquals(2, o.getEventLoopPoolSize());
    assertEquals(HubVertx.MIN_BLOCKING_THREADS, o.getWorkerPoolSize());
    assertEquals(HubVertx.MIN_BLOCKING_THREADS, o.getInternalBlockingPoolSize());
  }

  @Test
  void blockedThreadCheckerLooksEveryFiveSecondsNotEverySecond() {
    VertxOptions o = HubVertx.options(2, 1);
    assertEquals(5_000, o.getBlockedThreadCheckInterval());
    assertEquals(TimeUnit.MILLISECONDS, o.getBlockedThreadCheckIntervalUnit());
    // what counts as blocked stays Vert.x's: 2 s for an event loop
    assertEquals(VertxOptions.DEFAULT_MAX_EVENT_LOOP_EXECUTE_TIME, o.getMaxEventLoopExecuteTime());
  }

  @Test
  void largerMachineGetsOneBlockingThreadPerCpuAndAnEventLoopPerInstance() {
    VertxOptions o = HubVertx.options(16, 6);
    assertEquals(6, o.getEventLoopPoolSize());
    assertEquals(16, o.getWorkerPoolSize());
    assertEquals(16, o.getInternalBlockingPoolSize());
  }

  @Test
  void refusesNoCpusOrNoInstancesNamingBoth() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> HubVertx.options(0, 1));
    assertTrue(e.getMessage().contains("processors and instances"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> HubVertx.options(4, 0));
  }

  /**
   * Vert.x starts a new worker thread for each task until its pool is full: twenty tasks at once
   * ran on twenty threads with the default pool. The hub's pool runs them on its four.
   */
  @Test
  void twentyBlockingTasksAtOnceRunOnTheHubsWorkerThreadsOnly() throws Exception {
    var vertx =
        HubVertx.create(
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), HubVertx.options(2, 1));
    try {
      Set<String> threads = ConcurrentHashMap.newKeySet();
      // Each task waits until as many tasks run at once as the pool allows, so that a larger pool
      // would have started a thread for each of the first tasks.
      CountDownLatch running = new CountDownLatch(HubVertx.MIN_BLOCKING_THREADS);
      List<Future<Void>> tasks = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        tasks.add(
            vertx.executeBlocking(
                () -> {
                  threads.add(Thread.currentThread().getName());
                  running.countDown();
                  if (!running.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the pool never ran four tasks at once");
                  }
                  return null;
                },
                false));
      }
      Future.all(tasks).await(60, TimeUnit.SECONDS);
      assertEquals(HubVertx.MIN_BLOCKING_THREADS, threads.size(), threads.toString());
    } finally {
      vertx.close().await();
    }
  }
}
