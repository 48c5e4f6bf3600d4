package io.clusterwatch.hub.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Against a real HTTP server on port 0. */
@Timeout(60)
class WebhookTest {
  static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

  HttpServer server;
  final BlockingQueue<String> bodies = new LinkedBlockingQueue<>();
  final Deque<Integer> statuses = new ArrayDeque<>();
  volatile CountDownLatch release = new CountDownLatch(0);
  final CountDownLatch firstRequest = new CountDownLatch(1);
  final BlockingQueue<Webhook.Delivery> outcomes = new LinkedBlockingQueue<>();
  ScheduledExecutorService scheduler;
  HttpClient client;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/hook", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      firstRequest.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      Integer status;
      synchronized (statuses) {
        status = statuses.isEmpty() ? 200 : statuses.poll();
      }
      bodies.add(exchange.getRequestHeaders().getFirst("Content-Type") + " " + body);
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.start();
    scheduler = Executors.newSingleThreadScheduledExecutor();
    client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.stop(0);
    scheduler.shutdownNow();
  }

  private Webhook webhook(Set<String> groups, int maxAttempts, int capacity) {
    URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    WebhookConfig c = new WebhookConfig(url, groups, Duration.ofSeconds(10), maxAttempts, Duration.ofMillis(20),
        Duration.ofMillis(100), capacity);
    return new Webhook(c, client, scheduler, outcomes::add);
  }

  private static Alert alert(String rule, String group, AlertState state, String host) {
    return new Alert(rule, group, Map.of("host", host), Severity.CRITICAL, "summary " + host, 86, state, T0,
        T0.plusSeconds(60), state == AlertState.RESOLVED ? T0.plusSeconds(120) : null);
  }

  @Test
  void postsOneJsonBatchPerGroupAndRetriesServerErrors() throws Exception {
    synchronized (statuses) {
      statuses.addAll(List.of(500, 503));
    }
    Webhook w = webhook(Set.of("health", "idle"), 5, 10);
    w.submit(List.of(
        alert("gpu_temperature_critical", "health", AlertState.FIRING, "a"),
        alert("gpu_allocated_no_process", "idle", AlertState.FIRING, "b"),
        alert("hint_io_bound", "hint", AlertState.FIRING, "c"),
        alert("disk_busy", "health", AlertState.PENDING, "d"),
        alert("gpu_xid", "health", AlertState.RESOLVED, "e")));

    Webhook.Delivery first = outcomes.poll(30, TimeUnit.SECONDS);
    assertEquals(new Webhook.Delivery("health", 3, true, "HTTP 200"), first);
    Webhook.Delivery second = outcomes.poll(30, TimeUnit.SECONDS);
    assertEquals(new Webhook.Delivery("idle", 1, true, "HTTP 200"), second);

    List<String> received = List.of(bodies.take(), bodies.take(), bodies.take(), bodies.take());
    // the same health batch three times (two server errors, then accepted), then the idle batch
    assertEquals(received.get(0), received.get(1));
    assertEquals(received.get(0), received.get(2));
    assertTrue(received.get(0).startsWith("application/json "));
    JsonNode health = new ObjectMapper().readTree(received.get(0).substring("application/json ".length()));
    assertEquals("health", health.get("group").asText());
    assertEquals(2, health.get("alerts").size());
    JsonNode fired = health.get("alerts").get(0);
    assertEquals("gpu_temperature_critical", fired.get("rule").asText());
    assertEquals("firing", fired.get("state").asText());
    assertEquals("critical", fired.get("severity").asText());
    assertEquals("a", fired.get("labels").get("host").asText());
    assertEquals(T0.toEpochMilli(), fired.get("active_at_ms").asLong());
    assertTrue(fired.get("resolved_at_ms").isNull());
    assertEquals("resolved", health.get("alerts").get(1).get("state").asText());
    JsonNode idle = new ObjectMapper().readTree(received.get(3).substring("application/json ".length()));
    assertEquals("idle", idle.get("group").asText());
    assertNull(bodies.poll(200, TimeUnit.MILLISECONDS), "hints and pending alerts are not sent");
  }

  @Test
  void clientErrorsAreNotRetriedAndAttemptsAreBounded() throws Exception {
    synchronized (statuses) {
      statuses.addAll(List.of(400, 500, 500, 500));
    }
    Webhook w = webhook(Set.of("health"), 3, 10);
    w.submit(List.of(alert("r", "health", AlertState.FIRING, "a")));
    assertEquals(new Webhook.Delivery("health", 1, false, "HTTP 400"), outcomes.poll(30, TimeUnit.SECONDS));
    w.submit(List.of(alert("r", "health", AlertState.RESOLVED, "a")));
    assertEquals(new Webhook.Delivery("health", 3, false, "HTTP 500"), outcomes.poll(30, TimeUnit.SECONDS));
  }

  @Test
  void submitNeverWaitsAndAFullQueueDropsTheOldestWaitingBatch() throws Exception {
    release = new CountDownLatch(1); // the receiver hangs until released
    Webhook w = webhook(Set.of("health"), 5, 2);
    w.submit(List.of(alert("r", "health", AlertState.FIRING, "h1")));
    assertTrue(firstRequest.await(30, TimeUnit.SECONDS));
    for (int i = 2; i <= 5; i++) {
      w.submit(List.of(alert("r", "health", AlertState.FIRING, "h" + i)));
    }
    // h1 is in flight; of h2..h5 only the newest fits beside it
    assertEquals(3, w.dropped());
    for (int i = 0; i < 3; i++) {
      Webhook.Delivery d = outcomes.poll(30, TimeUnit.SECONDS);
      assertNotNull(d);
      assertEquals("dropped: queue full", d.outcome());
    }
    release.countDown();
    assertTrue(outcomes.poll(30, TimeUnit.SECONDS).delivered());
    assertTrue(outcomes.poll(30, TimeUnit.SECONDS).delivered());
    assertTrue(bodies.take().contains("\"host\":\"h1\""));
    assertTrue(bodies.take().contains("\"host\":\"h5\""));
  }

  @Test
  void backoffDoublesUpToTheCap() {
    Webhook w = webhook(Set.of("health"), 10, 1);
    assertEquals(List.of(20L, 40L, 80L, 100L, 100L),
        List.of(1, 2, 3, 4, 5).stream().map(a -> w.backoff(a).toMillis()).toList());
  }
}
