package io.clusterwatch.hub.remotewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A sender against a scripted receiver over a real socket on port 0. */
@Timeout(60)
class RemoteWriteSenderTest {
  static final PromSeries A =
      PromSeries.of("DCGM_FI_DEV_GPU_UTIL", Map.of("UUID", "GPU-a", "Hostname", "n1"));
  static final PromSeries B = PromSeries.of("node_load1", Map.of("instance", "n1"));

  Vertx vertx;
  ScriptedWriteServer server;
  SimpleMeterRegistry registry = new SimpleMeterRegistry();
  InMemoryRemoteWriteSource source;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    server = new ScriptedWriteServer(vertx);
  }

  @AfterEach
  void stop() {
    server.close();
    vertx.close().await();
  }

  /** One shard, two samples per request, a short deadline, backoff 50 ms to 400 ms. */
  RemoteWriteSettings settings(String url, int capacity) {
    return new RemoteWriteSettings(
        url,
        "test",
        Duration.ofSeconds(5),
        Map.of("X-Scope-OrgID", "tenant-1"),
        null,
        null,
        null,
        new RemoteWriteSettings.QueueConfig(
            capacity, 1, 2, Duration.ofMillis(100), Duration.ofMillis(50), Duration.ofMillis(400)),
        Map.of("cluster", "c1"));
  }

  void deploy(RemoteWriteSettings s) {
    source = new InMemoryRemoteWriteSource(s.queueConfig().capacity());
    vertx
        .deployVerticle(
            new RemoteWriteSender(
                s, source, RequestAuth.of(s), registry, Clock.systemUTC(), Duration.ofMinutes(1)))
        .await();
  }

  void tick(long ts, double a, double b) {
    source.append(new TickEntry(ts, new PromSeries[] {A, B}, new double[] {a, b}));
  }

  double counter(String name) {
    var c = registry.find(name).tag("remote_name", "test").functionCounter();
    return c != null ? c.count() : registry.get(name).tag("remote_name", "test").counter().count();
  }

  @Test
  void sendsSnappyProtobufWithRemoteWriteHeadersAndAcknowledgesTheSource() throws Exception {
    deploy(settings(server.url(), 100));
    tick(1000, 50, 1.5);

    ScriptedWriteServer.Received r = server.next();

    assertEquals("snappy", r.headers().get("Content-Encoding"));
    assertEquals("application/x-protobuf", r.headers().get("Content-Type"));
    assertEquals("0.1.0", r.headers().get("X-Prometheus-Remote-Write-Version"));
    assertTrue(r.headers().get("User-Agent").startsWith("clusterwatch-hub"));
    assertEquals("tenant-1", r.headers().get("X-Scope-OrgID"));
    assertEquals(2, r.request().series().size());
    assertEquals("c1", r.request().series().get(0).labels().get("cluster"));
    assertEquals(50.0, r.request().series().get(0).value(0));
    awaitCounter("prometheus_remote_storage_samples", 2);
    assertEquals(1, source.acknowledged());
    assertEquals(
        1.0,
        registry
            .get("prometheus_remote_storage_queue_highest_sent_timestamp_seconds")
            .gauge()
            .value());
  }

  @Test
  void retries5xxWithGrowingBackoffAndKeepsOrder() throws Exception {
    server.then(503);
    server.then(500);
    deploy(settings(server.url(), 100));
    tick(1000, 1, 10);
    tick(2000, 2, 20);

    ScriptedWriteServer.Received first = server.next();
    ScriptedWriteServer.Received second = server.next();
    ScriptedWriteServer.Received third = server.next();

    assertEquals(503, first.status());
    assertEquals(204, third.status());
    long firstWait = (second.atNanos() - first.atNanos()) / 1_000_000;
    long secondWait = (third.atNanos() - second.atNanos()) / 1_000_000;
    assertTrue(firstWait >= 50, "first retry after min_backoff, waited " + firstWait + " ms");
    assertTrue(secondWait >= 100, "backoff doubles, waited " + secondWait + " ms");
    assertEquals(first.request(), third.request(), "the same samples are sent again");
    awaitCounter("prometheus_remote_storage_samples", 4);
    assertEquals(4.0, counter("prometheus_remote_storage_samples_retried"));
    List<Long> timestampsOfA = new ArrayList<>();
    for (ScriptedWriteServer.Received r = third; r != null; r = server.nextWithin(300)) {
      for (DecodedWriteRequest.Series s : r.request().series()) {
        if ("DCGM_FI_DEV_GPU_UTIL".equals(s.labels().get("__name__"))) {
          for (int i = 0; i < s.points().size(); i++) {
            timestampsOfA.add(s.timestamp(i));
          }
        }
      }
    }
    assertEquals(List.of(1000L, 2000L), timestampsOfA);
  }

  @Test
  void honoursRetryAfterOn429() throws Exception {
    server.then(429, Map.of("Retry-After", "1"));
    deploy(settings(server.url(), 100));
    tick(1000, 1, 10);

    ScriptedWriteServer.Received refused = server.next();
    ScriptedWriteServer.Received retried = server.next();

    assertEquals(429, refused.status());
    long waitedMs = (retried.atNanos() - refused.atNanos()) / 1_000_000;
    assertTrue(
        waitedMs >= 1000,
        "Retry-After: 1 honoured over min_backoff 50 ms, waited " + waitedMs + " ms");
    awaitCounter("prometheus_remote_storage_samples", 2);
  }

  @Test
  void a400IsNeverRetriedAndIsCountedAsFailed() throws Exception {
    server.then(400);
    deploy(settings(server.url(), 100));
    tick(1000, 1, 10);

    assertEquals(400, server.next().status());
    awaitCounter("prometheus_remote_storage_samples_failed", 2);
    assertNull(server.nextWithin(500), "a 400 is not sent again");
    assertEquals(0.0, counter("prometheus_remote_storage_samples_retried"));
    assertEquals(1, source.acknowledged(), "refused samples are given up and acknowledged");

    tick(2000, 2, 20);
    assertEquals(204, server.next().status(), "later samples still go out");
  }

  @Test
  void aDeadEndpointKeepsTheQueueWithinCapacityAndCountsDrops() throws Exception {
    server.close();
    deploy(settings(server.url(), 10));
    long appendStart = System.nanoTime();
    for (int i = 1; i <= 1000; i++) {
      tick(i * 1000L, i, i);
    }
    long appendMs = (System.nanoTime() - appendStart) / 1_000_000;

    awaitCounter("prometheus_remote_storage_samples_retried", 2);
    long pending = (long) registry.get("prometheus_remote_storage_samples_pending").gauge().value();
    // capacity waiting in the source, plus at most one request per shard read ahead
    assertTrue(pending <= 10 + 2, "pending " + pending);
    assertTrue(counter("prometheus_remote_storage_samples_dropped") >= 2000 - 12);
    assertTrue(
        appendMs < 2000,
        "appending never waits for the endpoint: " + appendMs + " ms for 1000 ticks");
  }

  @Test
  void aWrongUrlLeavesTheSenderRunningAndCounting() throws Exception {
    deploy(settings("http://127.0.0.1:1/nowhere", 100));
    tick(1000, 1, 10);
    awaitCounter("prometheus_remote_storage_samples_retried", 4);
    assertEquals(0.0, counter("prometheus_remote_storage_samples"));
  }

  private void awaitCounter(String name, double atLeast) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    // meters are plain numbers without change events; poll them briefly
    while (counter(name) < atLeast) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(name + " is " + counter(name) + ", expected at least " + atLeast);
      }
      Thread.sleep(10);
    }
  }
}
