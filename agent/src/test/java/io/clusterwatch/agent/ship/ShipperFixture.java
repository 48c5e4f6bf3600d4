package io.clusterwatch.agent.ship;

import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.Sample;
import io.clusterwatch.protocol.message.ControlMessage;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the shipper tests share: a real WebSocket server speaking the hub side of protocol v1
 * ({@link TestHub}) on a free port, shippers pointed at it and closed after each test, ticks with
 * known values, and a wait on the shipper's stats that wakes on each change instead of polling.
 */
abstract class ShipperFixture {
  static final Duration WAIT = Duration.ofSeconds(20);
  static final Duration BACKOFF_INITIAL = Duration.ofMillis(100);

  Vertx vertx;
  ScheduledExecutorService scheduler;
  private final List<AutoCloseable> closeables = new ArrayList<>();

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    scheduler = Executors.newScheduledThreadPool(2);
  }

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable c : closeables) {
      c.close();
    }
    scheduler.shutdownNow();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  TestHub hub(TestHub.Store store, int port) throws Exception {
    return hub(store, port, new HttpServerOptions());
  }

  TestHub hub(TestHub.Store store, int port, HttpServerOptions options) throws Exception {
    TestHub hub = new TestHub(vertx, store);
    hub.start(port, options);
    closeables.add(hub);
    return hub;
  }

  Shipper shipper(int port, int bufferFrames) {
    return shipper(port, bufferFrames, scheduler);
  }

  Shipper shipper(int port, int bufferFrames, ScheduledExecutorService scheduler) {
    ShipperOptions options =
        new ShipperOptions(
            URI.create("ws://127.0.0.1:" + port + "/ingest"),
            "secret",
            "node01",
            "node01-boot",
            "boot-1",
            Duration.ofSeconds(1),
            Map.of("kernel", "6.1.0"),
            bufferFrames,
            1L << 20,
            BACKOFF_INITIAL,
            Duration.ofMillis(400),
            Duration.ofSeconds(5),
            "test",
            null);
    Shipper shipper = new Shipper(options, scheduler, Clock.systemUTC());
    shipper.onChange(this::signalChange);
    closeables.add(0, shipper);
    return shipper;
  }

  /** Tick {@code i}: a counter worth 1000*i and a gauge worth i/2. */
  static List<Sample> tick(long i) {
    return List.of(
        Sample.counter("disk_read_bytes_total", Labels.of("device", "sda"), 1000 * i),
        Sample.gauge("memory_MemAvailable_bytes", Labels.EMPTY, i / 2.0));
  }

  /** Tick {@code i} with a GPU series added: a new series set, so the next schema version. */
  static List<Sample> tickWithGpu(long i) {
    List<Sample> samples = new ArrayList<>(tick(i));
    samples.add(Sample.gauge("gpu_utilization_ratio", Labels.of("gpu", "0"), 0.75));
    return samples;
  }

  static long count(TestHub.Store store, Class<? extends ControlMessage> type) {
    return store.messages().stream().filter(type::isInstance).count();
  }

  static int freePort() throws Exception {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /**
   * Bumped by every change of a shipper's stats; waiters block on {@link #changed} until it moves.
   */
  private final AtomicLong changes = new AtomicLong();

  private final Object changed = new Object();

  void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      long seen = changes.get();
      // The condition reads shipper stats, so it is evaluated outside the monitor.
      if (condition.getAsBoolean()) {
        return;
      }
      synchronized (changed) {
        while (changes.get() == seen) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            throw new AssertionError("timed out waiting for " + what);
          }
          TimeUnit.NANOSECONDS.timedWait(changed, left);
        }
      }
    }
  }

  private void signalChange() {
    changes.incrementAndGet();
    synchronized (changed) {
      changed.notifyAll();
    }
  }

  static List<Long> seqs(TestHub.Store store) {
    return store.frames().stream().map(TestHub.Received::seq).collect(Collectors.toList());
  }

  static List<Long> range(long from, long to) {
    return LongStream.rangeClosed(from, to).boxed().collect(Collectors.toList());
  }
}
