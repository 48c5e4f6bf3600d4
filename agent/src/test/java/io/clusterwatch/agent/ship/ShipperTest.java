package io.clusterwatch.agent.ship;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.Sample;
import io.clusterwatch.protocol.message.ControlMessage;
import io.clusterwatch.protocol.message.Hello;
import io.clusterwatch.protocol.message.JobEvent;
import io.clusterwatch.protocol.message.JobInfo;
import io.clusterwatch.protocol.message.JobSnapshot;
import io.clusterwatch.protocol.message.Schema;
import io.vertx.core.Vertx;
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
import org.junit.jupiter.api.Test;

/** The shipper against a real WebSocket server speaking the hub side of protocol v1. */
class ShipperTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Duration BACKOFF_INITIAL = Duration.ofMillis(100);

  private Vertx vertx;
  private ScheduledExecutorService scheduler;
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

  private TestHub hub(TestHub.Store store, int port) throws Exception {
    TestHub hub = new TestHub(vertx, store);
    hub.start(port);
    closeables.add(hub);
    return hub;
  }

  private Shipper shipper(int port, int bufferFrames) {
    return shipper(port, bufferFrames, scheduler);
  }

  private Shipper shipper(int port, int bufferFrames, ScheduledExecutorService scheduler) {
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
            "test");
    Shipper shipper = new Shipper(options, scheduler, Clock.systemUTC());
    shipper.onChange(this::signalChange);
    closeables.add(0, shipper);
    return shipper;
  }

  /** Tick {@code i}: a counter worth 1000*i and a gauge worth i/2. */
  private static List<Sample> tick(long i) {
    return List.of(
        Sample.counter("disk_read_bytes_total", Labels.of("device", "sda"), 1000 * i),
        Sample.gauge("memory_MemAvailable_bytes", Labels.EMPTY, i / 2.0));
  }

  /** Tick {@code i} with a GPU series added: a new series set, so the next schema version. */
  private static List<Sample> tickWithGpu(long i) {
    List<Sample> samples = new ArrayList<>(tick(i));
    samples.add(Sample.gauge("gpu_utilization_ratio", Labels.of("gpu", "0"), 0.75));
    return samples;
  }

  private static long count(TestHub.Store store, Class<? extends ControlMessage> type) {
    return store.messages().stream().filter(type::isInstance).count();
  }

  private static int freePort() throws Exception {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /**
   * Bumped by every change of a shipper's stats; waiters block on {@link #changed} until it moves.
   */
  private final AtomicLong changes = new AtomicLong();

  private final Object changed = new Object();

  private void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
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

  private static List<Long> seqs(TestHub.Store store) {
    return store.frames().stream().map(TestHub.Received::seq).collect(Collectors.toList());
  }

  private static List<Long> range(long from, long to) {
    return LongStream.rangeClosed(from, to).boxed().collect(Collectors.toList());
  }

  @Test
  void framesArriveInOrderWithTheirValues() throws Exception {
    TestHub.Store store = new TestHub.Store();
    int port = freePort();
    hub(store, port);
    Shipper shipper = shipper(port, 100);
    shipper.start();
    for (long i = 1; i <= 10; i++) {
      shipper.submit(1_700_000_000_000L + i * 1000, tick(i));
    }
    assertTrue(store.await(s -> s.frames().size() == 10, WAIT), "10 frames stored");
    assertEquals(range(1, 10), seqs(store));
    for (TestHub.Received r : store.frames()) {
      long i = r.seq();
      assertEquals(1_700_000_000_000L + i * 1000, r.frame().timestampMs());
      assertEquals(1000 * i, r.raw("disk_read_bytes_total"));
      assertEquals(i / 2.0, Double.longBitsToDouble(r.raw("memory_MemAvailable_bytes")));
    }
    Hello hello = (Hello) store.messages().get(0);
    assertEquals("node01", hello.host());
    assertEquals("node01-boot", hello.agentId());
    assertEquals("secret", hello.token());
    assertEquals(1000, hello.intervalMs());
    assertEquals("6.1.0", hello.attributes().get("kernel"));
    awaitTrue(() -> shipper.stats().lastAckedSeq() == 10, "ack of 10");
    ShipperStats stats = shipper.stats();
    assertTrue(stats.connected());
    assertEquals(10, stats.framesSent());
    assertEquals(10, stats.framesAcked());
    assertEquals(0, stats.bufferedFrames());
    assertEquals(0, stats.framesDropped());
  }

  @Test
  void outageWithinTheBoundLosesNothingAndDuplicatesNothing() throws Exception {
    TestHub.Store store = new TestHub.Store();
    int port = freePort();
    TestHub first = hub(store, port);
    Shipper shipper = shipper(port, 20);
    shipper.start();
    for (long i = 1; i <= 5; i++) {
      shipper.submit(i, tick(i));
    }
    awaitTrue(() -> shipper.stats().lastAckedSeq() == 5, "ack of 5");
    // Frames 6 and 7 are stored but their acks are lost with the server.
    store.setAcking(false);
    shipper.submit(6, tick(6));
    shipper.submit(7, tick(7));
    assertTrue(store.await(s -> s.lastSeq() == 7, WAIT));
    first.close();
    awaitTrue(() -> !shipper.stats().connected(), "disconnect");
    for (long i = 8; i <= 20; i++) {
      shipper.submit(i, tick(i));
    }
    assertEquals(0, shipper.stats().framesDropped());
    store.setAcking(true);
    hub(store, port);
    assertTrue(store.await(s -> s.lastSeq() == 20, WAIT), "frames up to 20 after restart");
    assertEquals(range(1, 20), seqs(store), "every sequence exactly once, in order");
    for (TestHub.Received r : store.frames()) {
      assertEquals(1000 * r.seq(), r.raw("disk_read_bytes_total"));
    }
    awaitTrue(() -> shipper.stats().bufferedFrames() == 0, "buffer drained");
    assertEquals(0, shipper.stats().framesDropped());
    assertTrue(shipper.stats().reconnects() >= 1);
  }

  @Test
  void outagePastTheBoundDropsExactlyTheOverflowAndCountsIt() throws Exception {
    TestHub.Store store = new TestHub.Store();
    int port = freePort();
    TestHub first = hub(store, port);
    Shipper shipper = shipper(port, 20);
    shipper.start();
    for (long i = 1; i <= 5; i++) {
      shipper.submit(i, tick(i));
    }
    awaitTrue(() -> shipper.stats().lastAckedSeq() == 5, "ack of 5");
    first.close();
    awaitTrue(() -> !shipper.stats().connected(), "disconnect");
    // 30 ticks while the hub is away, 20 fit: 6..15 must go, 16..35 must arrive.
    for (long i = 6; i <= 35; i++) {
      shipper.submit(i, tick(i));
    }
    assertEquals(10, shipper.stats().framesDropped());
    assertEquals(20, shipper.stats().bufferedFrames());
    hub(store, port);
    assertTrue(store.await(s -> s.lastSeq() == 35, WAIT), "frames up to 35 after restart");
    List<Long> expected = range(1, 5);
    expected.addAll(range(16, 35));
    assertEquals(expected, seqs(store));
    for (TestHub.Received r : store.frames()) {
      assertEquals(1000 * r.seq(), r.raw("disk_read_bytes_total"));
    }
    awaitTrue(() -> shipper.stats().bufferedFrames() == 0, "buffer drained");
    assertEquals(10, shipper.stats().framesDropped());
  }

  /**
   * Ticks 1 and 2 are buffered before the shipper starts, so the hello deterministically announces
   * their table (version 1, from the oldest buffered frame) and only the new series of tick 3 calls
   * for a schema message. Were the connection welcomed before tick 1, the hello would carry the
   * empty table and a schema for version 1 would come first, as the next test shows.
   */
  @Test
  void aNewSeriesSendsASchemaBeforeTheNextFrame() throws Exception {
    TestHub.Store store = new TestHub.Store();
    int port = freePort();
    hub(store, port);
    Shipper shipper = shipper(port, 100);
    shipper.submit(1, tick(1));
    shipper.submit(2, tick(2));
    shipper.start();
    shipper.submit(3, tickWithGpu(3));
    assertTrue(store.await(s -> s.frames().size() == 3, WAIT));
    assertEquals(1, ((Hello) store.messages().get(0)).table().schemaVersion(), "hello's table");
    List<ControlMessage> schemas =
        store.messages().stream().filter(m -> m instanceof Schema).collect(Collectors.toList());
    assertEquals(1, schemas.size(), "one schema message");
    Schema schema = (Schema) schemas.get(0);
    assertEquals(2, schema.table().schemaVersion());
    assertEquals(3, schema.table().size());
    TestHub.Received third = store.frames().get(2);
    assertEquals(2, third.frame().schemaVersion());
    assertEquals(0.75, Double.longBitsToDouble(third.raw("gpu_utilization_ratio")));
    assertEquals(1, store.frames().get(1).frame().schemaVersion());
  }

  /** The agent starts its shipper before its first tick: the hello has no table to announce yet. */
  @Test
  void aConnectionWelcomedBeforeTheFirstTickSendsTheFirstTableAsASchema() throws Exception {
    TestHub.Store store = new TestHub.Store();
    int port = freePort();
    hub(store, port);
    Shipper shipper = shipper(port, 100);
    shipper.start();
    awaitTrue(() -> shipper.stats().connected(), "welcome");
    shipper.submit(1, tick(1));
    shipper.submit(2, tickWithGpu(2));
    assertTrue(store.await(s -> s.frames().size() == 2, WAIT));
    List<ControlMessage> m = store.messages();
    assertEquals(3, m.size(), "hello and two schemas: " + m);
    Hello hello = (Hello) m.get(0);
    assertEquals(0, hello.table().schemaVersion());
    assertEquals(0, hello.table().size());
    assertEquals(1, ((Schema) m.get(1)).table().schemaVersion());
    assertEquals(2, ((Schema) m.get(1)).table().size());
    assertEquals(2, ((Schema) m.get(2)).table().schemaVersion());
    assertEquals(3, ((Schema) m.get(2)).table().size());
    assertEquals(1, store.frames().get(0).frame().schemaVersion());
    assertEquals(2, store.frames().get(1).frame().schemaVersion());
  }

  /**
   * The welcome timeout falls due just as the welcome arrives: a pool thread has taken the timeout
   * up, so cancelling it no longer stops it, and it waits for the shipper's lock while the welcome
   * is handled and frames and a schema go out. Under load the wait can be long. The late timeout
   * must leave the welcomed connection alone: dropping it would make the next connection send the
   * hello, and the schema after it, once more.
   */
  @Test
  void aWelcomeTimeoutRunningLateLeavesTheWelcomedConnectionAlone() throws Exception {
    TestHub.Store store = new TestHub.Store();
    store.holdWelcomes();
    int port = freePort();
    hub(store, port);
    HeldTimerScheduler timers = new HeldTimerScheduler(scheduler);
    Shipper shipper = shipper(port, 100, timers);
    shipper.start();
    shipper.submit(1, tick(1));
    shipper.submit(2, tick(2));
    HeldTimerScheduler.Timer welcomeTimeout = timers.nextTimer(WAIT);
    assertEquals(5000, welcomeTimeout.delayMs(), "the welcome timeout (the connect timeout)");
    welcomeTimeout.begin();
    store.releaseWelcomes();
    shipper.submit(3, tickWithGpu(3));
    assertTrue(store.await(s -> s.frames().size() == 3, WAIT), "frames 1 to 3");
    welcomeTimeout.finish();
    assertEquals(
        0, shipper.stats().reconnects(), "the late welcome timeout dropped the connection");
    assertTrue(shipper.stats().connected());
    shipper.submit(4, tickWithGpu(4));
    assertTrue(store.await(s -> s.frames().size() == 4, WAIT), "frame 4");
    assertEquals(range(1, 4), seqs(store));
    assertEquals(1, count(store, Hello.class), "one hello");
    assertEquals(1, count(store, Schema.class), "one schema message");
  }

  @Test
  void aWelcomeThatDoesNotComeInTimeLeadsToAReconnect() throws Exception {
    TestHub.Store store = new TestHub.Store();
    store.holdWelcomes();
    int port = freePort();
    hub(store, port);
    HeldTimerScheduler timers = new HeldTimerScheduler(scheduler);
    Shipper shipper = shipper(port, 100, timers);
    shipper.start();
    shipper.submit(1, tick(1));
    HeldTimerScheduler.Timer welcomeTimeout = timers.nextTimer(WAIT);
    welcomeTimeout.begin();
    welcomeTimeout.finish();
    assertEquals(1, shipper.stats().reconnects(), "the overdue welcome dropped the connection");
    HeldTimerScheduler.Timer reconnect = timers.nextTimer(WAIT);
    // The first delay: equal jitter keeps between half and all of the initial 100 ms.
    assertTrue(
        reconnect.delayMs() >= 50 && reconnect.delayMs() <= 100, reconnect.delayMs() + " ms");
    // The first connection's welcome now goes to a connection the shipper has given up.
    store.releaseWelcomes();
    reconnect.begin();
    reconnect.finish();
    assertTrue(store.await(s -> s.frames().size() == 1, WAIT), "frame 1 on the second connection");
    assertEquals(2, count(store, Hello.class));
    assertEquals(2, store.connectionNanos().size());
    assertTrue(shipper.stats().connected());
  }

  @Test
  void anErrorFromTheHubLeadsToAReconnectAfterABackoff() throws Exception {
    TestHub.Store store = new TestHub.Store();
    store.refuseNextHellos(2);
    int port = freePort();
    hub(store, port);
    Shipper shipper = shipper(port, 100);
    shipper.start();
    shipper.submit(1, tick(1));
    assertTrue(store.await(s -> s.frames().size() == 1, WAIT), "frame after two refusals");
    List<Long> connections = store.connectionNanos();
    assertEquals(3, connections.size(), "two refused connections, then one accepted");
    // Equal jitter: a delay is at least half the base delay (100 ms, then 200 ms).
    long minimumGapNanos = BACKOFF_INITIAL.toNanos() / 2;
    for (int i = 1; i < connections.size(); i++) {
      long gap = connections.get(i) - connections.get(i - 1);
      assertTrue(gap >= minimumGapNanos, "reconnect " + i + " waited " + gap + " ns");
    }
    assertEquals(2, shipper.stats().reconnects());
  }

  @Test
  void aHubThatWelcomesAcksThenErrorsMakesTheDelaysGrow() throws Exception {
    TestHub.Store store = new TestHub.Store();
    store.dropAfterWelcome(true);
    int port = freePort();
    hub(store, port);
    Shipper shipper = shipper(port, 100);
    shipper.start();
    assertTrue(store.await(s -> s.connectionNanos().size() >= 4, WAIT), "four connections");
    List<Long> connections = store.connectionNanos();
    // Bases 100, 200, 400 ms; equal jitter keeps at least half of each.
    long[] minimumGapMs = {50, 100, 200};
    for (int i = 0; i < minimumGapMs.length; i++) {
      long gap = connections.get(i + 1) - connections.get(i);
      assertTrue(
          gap >= TimeUnit.MILLISECONDS.toNanos(minimumGapMs[i]),
          "reconnect " + (i + 1) + " waited only " + gap + " ns");
    }
    assertTrue(shipper.stats().reconnects() >= 3);
  }

  @Test
  void aHubHoldingAnEarlierRunsNumbersGetsFreshOnes() throws Exception {
    TestHub.Store store = new TestHub.Store();
    store.setLastSeq(1000);
    int port = freePort();
    Shipper shipper = shipper(port, 100);
    shipper.submit(1, tick(1));
    shipper.submit(2, tick(2));
    shipper.start();
    hub(store, port);
    assertTrue(store.await(s -> s.frames().size() == 2, WAIT));
    assertEquals(List.of(1001L, 1002L), seqs(store));
    assertEquals(1000, store.frames().get(0).raw("disk_read_bytes_total"), "tick 1's value");
    shipper.submit(3, tick(3));
    assertTrue(store.await(s -> s.frames().size() == 3, WAIT));
    assertEquals(1003L, seqs(store).get(2));
  }

  @Test
  void jobEventsAndTheSnapshotFollowTheWelcome() throws Exception {
    TestHub.Store store = new TestHub.Store();
    int port = freePort();
    Shipper shipper = shipper(port, 100);
    JobInfo job = new JobInfo("42", "ada", "train", List.of("GPU-1"), 5, "static", Map.of());
    shipper.setJobSnapshotSupplier(() -> List.of(job));
    shipper.submitJobEvent(new JobEvent(JobEvent.STARTED, 5, job));
    shipper.start();
    // The hub is not up yet: the event waits in the buffer.
    awaitTrue(() -> shipper.stats().reconnects() >= 1, "a failed first connect");
    hub(store, port);
    assertTrue(store.await(s -> s.messages().size() >= 3, WAIT));
    List<ControlMessage> m = store.messages();
    assertTrue(m.get(0) instanceof Hello);
    assertEquals(new JobEvent(JobEvent.STARTED, 5, job), m.get(1));
    assertEquals(List.of(job), ((JobSnapshot) m.get(2)).jobs());
  }
}
