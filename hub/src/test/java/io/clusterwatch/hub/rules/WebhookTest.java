package io.clusterwatch.hub.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clusterwatch.hub.alerts.AlertMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Webhooks deployed on Vert.x against a scripted Vert.x HTTP server on port 0. */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class WebhookTest {
  static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
  static final long WAIT_S = 30;

  /**
   * In the script: leave the request unanswered (the test may answer it, or the client times out).
   */
  static final int HOLD = 0;

  /** One request as the receiver saw it. */
  record Received(
      long nanos, String contentType, String body, HttpServerRequest request, Context context) {
    void answer(int status) {
      context.runOnContext(v -> request.response().setStatusCode(status).end());
    }

    JsonNode json() throws Exception {
      return new ObjectMapper().readTree(body);
    }
  }

  record Retry(String group, int attempts, Duration delay, String outcome) {}

  Vertx vertx;
  HttpServer server;

  /** Answers in order; 200 once it runs out. */
  final Deque<Integer> script = new ArrayDeque<>();

  final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  final BlockingQueue<Webhook.Delivery> outcomes = new LinkedBlockingQueue<>();
  final BlockingQueue<Retry> retries = new LinkedBlockingQueue<>();
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final AlertMeters meters = new AlertMeters(registry);
  final Webhook.Listener listener =
      new Webhook.Listener() {
        @Override
        public void delivery(Webhook.Delivery d) {
          meters.delivery(d);
          outcomes.add(d);
        }

        @Override
        public void retrying(String group, int attempts, Duration delay, String outcome) {
          retries.add(new Retry(group, attempts, delay, outcome));
        }
      };

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    server =
        vertx
            .createHttpServer()
            .requestHandler(
                req -> {
                  long arrived = System.nanoTime();
                  Context context = vertx.getOrCreateContext();
                  req.body()
                      .onSuccess(
                          body -> {
                            int status;
                            synchronized (script) {
                              status = script.isEmpty() ? 200 : script.poll();
                            }
                            received.add(
                                new Received(
                                    arrived,
                                    req.getHeader("Content-Type"),
                                    body.toString(),
                                    req,
                                    context));
                            if (status / 100 == 3) {
                              // a redirect back here, which would be answered 200 if it were
                              // followed
                              req.response().putHeader("Location", req.absoluteURI());
                            }
                            if (status != HOLD) {
                              req.response().setStatusCode(status).end();
                            }
                          });
                })
            .listen(0, "127.0.0.1")
            .await();
  }

  private void script(Integer... statuses) {
    synchronized (script) {
      script.addAll(List.of(statuses));
    }
  }

  private URI hookUrl() {
    return URI.create("http://127.0.0.1:" + server.actualPort() + "/hook");
  }

  private static WebhookConfig config(
      URI url, Set<String> groups, Duration timeout, int maxAttempts, int capacity) {
    return new WebhookConfig(
        url, groups, timeout, maxAttempts, Duration.ofMillis(20), Duration.ofMillis(80), capacity);
  }

  private Webhook deployed(WebhookConfig config) {
    Webhook w = new Webhook(config, listener);
    vertx.deployVerticle(w).await();
    return w;
  }

  private Webhook webhook(Set<String> groups, int maxAttempts, int capacity) {
    return deployed(config(hookUrl(), groups, Duration.ofSeconds(10), maxAttempts, capacity));
  }

  private static Alert alert(String rule, String group, AlertState state, String host) {
    return new Alert(
        rule,
        group,
        Map.of("host", host),
        Severity.CRITICAL,
        "summary " + host,
        86,
        state,
        T0,
        T0.plusSeconds(60),
        state == AlertState.RESOLVED ? T0.plusSeconds(120) : null);
  }

  private static List<Alert> firing(String host) {
    return List.of(alert("r", "health", AlertState.FIRING, host));
  }

  private Received nextRequest() throws InterruptedException {
    Received r = received.poll(WAIT_S, TimeUnit.SECONDS);
    assertNotNull(r, "the receiver got no request");
    return r;
  }

  private Webhook.Delivery nextOutcome() throws InterruptedException {
    Webhook.Delivery d = outcomes.poll(WAIT_S, TimeUnit.SECONDS);
    assertNotNull(d, "no batch was settled");
    return d;
  }

  private double batches(String outcome) {
    Counter c = registry.find("clusterwatch.hub.webhook.batches").tag("outcome", outcome).counter();
    return c == null ? 0 : c.count();
  }

  @Test
  void postsOneJsonBatchPerGroupInOrderAndRetriesServerErrorsAndTooManyRequests() throws Exception {
    script(500, 429);
    Webhook w = webhook(Set.of("health", "idle"), 5, 10);
    w.submit(
        List.of(
            alert("gpu_temperature_critical", "health", AlertState.FIRING, "a"),
            alert("gpu_allocated_no_process", "idle", AlertState.FIRING, "b"),
            alert("hint_io_bound", "hint", AlertState.FIRING, "c"),
            alert("disk_busy", "health", AlertState.PENDING, "d"),
            alert("gpu_xid", "health", AlertState.RESOLVED, "e")));

    assertEquals(new Webhook.Delivery("health", 3, true, "HTTP 200"), nextOutcome());
    assertEquals(new Webhook.Delivery("idle", 1, true, "HTTP 200"), nextOutcome());
    assertEquals(
        List.of(
            new Retry("health", 1, Duration.ofMillis(20), "HTTP 500"),
            new Retry("health", 2, Duration.ofMillis(40), "HTTP 429")),
        List.copyOf(retries));

    List<Received> got = List.of(nextRequest(), nextRequest(), nextRequest(), nextRequest());
    // the same health batch three times (a server error, too many requests, then accepted), then
    // idle
    assertEquals(got.get(0).body(), got.get(1).body());
    assertEquals(got.get(0).body(), got.get(2).body());
    assertEquals("application/json", got.get(0).contentType());
    JsonNode health = got.get(0).json();
    assertEquals("health", health.get("group").asText());
    assertEquals(2, health.get("alerts").size(), "hints and pending alerts are not sent");
    JsonNode fired = health.get("alerts").get(0);
    assertEquals("gpu_temperature_critical", fired.get("rule").asText());
    assertEquals("firing", fired.get("state").asText());
    assertEquals("critical", fired.get("severity").asText());
    assertEquals("a", fired.get("labels").get("host").asText());
    assertEquals(T0.toEpochMilli(), fired.get("active_at_ms").asLong());
    assertTrue(fired.get("resolved_at_ms").isNull());
    assertEquals("resolved", health.get("alerts").get(1).get("state").asText());
    JsonNode idle = got.get(3).json();
    assertEquals("idle", idle.get("group").asText());
    assertEquals(1, idle.get("alerts").size());
    assertEquals(2, batches("delivered"));

    w.submit(firing("next"));
    assertEquals(
        "next",
        nextRequest().json().get("alerts").get(0).get("labels").get("host").asText(),
        "nothing else was sent before the next batch");
  }

  @Test
  void otherStatusesAreFinalAndAttemptsAreBounded() throws Exception {
    script(400, 500, 500, 500);
    Webhook w = webhook(Set.of("health"), 3, 10);
    w.submit(firing("a"));
    w.submit(List.of(alert("r", "health", AlertState.RESOLVED, "a")));
    w.submit(firing("b"));
    assertEquals(new Webhook.Delivery("health", 1, false, "HTTP 400"), nextOutcome());
    assertEquals(new Webhook.Delivery("health", 3, false, "HTTP 500"), nextOutcome());
    assertEquals(new Webhook.Delivery("health", 1, true, "HTTP 200"), nextOutcome());

    List<String> states = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      JsonNode a = nextRequest().json().get("alerts").get(0);
      states.add(a.get("labels").get("host").asText() + " " + a.get("state").asText());
    }
    assertEquals(
        List.of("a firing", "a resolved", "a resolved", "a resolved", "b firing"),
        states,
        "one try for the 400, three for the 500s, in order");
    assertEquals(2, batches("failed"));
    assertEquals(1, batches("delivered"));
  }

  @Test
  void redirectsAreFinalNotFollowed() throws Exception {
    script(307);
    Webhook w = webhook(Set.of("health"), 3, 10);
    w.submit(firing("a"));
    assertEquals(new Webhook.Delivery("health", 1, false, "HTTP 307"), nextOutcome());
    assertEquals(1, batches("failed"));
    nextRequest();
    w.submit(firing("b"));
    assertTrue(nextRequest().body().contains("\"host\":\"b\""), "the redirect was not followed");
  }

  @Test
  void backoffDoublesFromTheInitialDelayUpToTheCap() throws Exception {
    script(500, 500, 500, 500, 500);
    Webhook w = webhook(Set.of("health"), 5, 10);
    w.submit(firing("a"));
    assertEquals(new Webhook.Delivery("health", 5, false, "HTTP 500"), nextOutcome());
    List<Long> delays = retries.stream().map(r -> r.delay().toMillis()).toList();
    assertEquals(List.of(20L, 40L, 80L, 80L), delays);
    long previous = nextRequest().nanos();
    for (long delay : delays) {
      long arrived = nextRequest().nanos();
      assertTrue(
          arrived - previous >= TimeUnit.MILLISECONDS.toNanos(delay),
          "the retry waited its "
              + delay
              + " ms, took "
              + (arrived - previous) / 1_000_000
              + " ms");
      previous = arrived;
    }
    assertEquals(
        List.of(20L, 40L, 80L, 80L, 80L),
        List.of(1, 2, 3, 4, 5).stream().map(a -> w.backoff(a).toMillis()).toList());
  }

  @Test
  void aReceiverSlowerThanTheTimeoutIsRetried() throws Exception {
    script(HOLD, 200);
    Webhook w = deployed(config(hookUrl(), Set.of("health"), Duration.ofMillis(300), 3, 10));
    w.submit(firing("a"));
    assertEquals(new Webhook.Delivery("health", 2, true, "HTTP 200"), nextOutcome());
    Retry retry = retries.poll();
    assertNotNull(retry);
    assertTrue(
        retry.outcome().startsWith("error: ") && retry.outcome().contains("timeout"),
        retry.outcome());
    long first = nextRequest().nanos();
    long second = nextRequest().nanos();
    assertTrue(
        second - first >= TimeUnit.MILLISECONDS.toNanos(300 + 20),
        "the first try timed out after 300 ms, then waited 20 ms");
  }

  @Test
  void networkErrorsAreRetried() throws Exception {
    HttpServer closed =
        vertx.createHttpServer().requestHandler(r -> {}).listen(0, "127.0.0.1").await();
    int port = closed.actualPort();
    closed.close().await();
    Webhook w =
        deployed(
            config(
                URI.create("http://127.0.0.1:" + port + "/hook"),
                Set.of("health"),
                Duration.ofSeconds(5),
                2,
                10));
    w.submit(firing("a"));
    Webhook.Delivery d = nextOutcome();
    assertEquals(2, d.attempts());
    assertTrue(!d.delivered() && d.outcome().startsWith("error: "), d.outcome());
    assertEquals(1, retries.size());
    assertEquals(1, batches("failed"));
  }

  @Test
  void submitNeverWaitsAndAFullQueueDropsTheOldestWaitingBatch() throws Exception {
    script(HOLD);
    Webhook w = webhook(Set.of("health"), 5, 2);
    w.submit(firing("h1"));
    Received first = nextRequest();
    for (int i = 2; i <= 5; i++) {
      w.submit(firing("h" + i));
    }
    // h1 is in flight; of h2..h5 only the newest fits beside it
    for (int i = 0; i < 3; i++) {
      assertEquals(new Webhook.Delivery("health", 0, false, "dropped: queue full"), nextOutcome());
    }
    assertEquals(3, w.dropped());
    assertEquals(3, batches("dropped"));
    first.answer(200);
    assertEquals(new Webhook.Delivery("health", 1, true, "HTTP 200"), nextOutcome());
    assertEquals(new Webhook.Delivery("health", 1, true, "HTTP 200"), nextOutcome());
    assertTrue(first.body().contains("\"host\":\"h1\""));
    assertTrue(nextRequest().body().contains("\"host\":\"h5\""));
    assertEquals(2, batches("delivered"));
  }

  @Test
  void aWebhookThatIsNotRunningDropsWhatIsSubmitted() throws Exception {
    Webhook w =
        new Webhook(config(hookUrl(), Set.of("health"), Duration.ofSeconds(5), 3, 10), listener);
    w.submit(firing("before"));
    assertEquals(
        new Webhook.Delivery("health", 0, false, "dropped: webhook not running"), nextOutcome());

    String id = vertx.deployVerticle(w).await();
    w.submit(firing("running"));
    assertEquals(new Webhook.Delivery("health", 1, true, "HTTP 200"), nextOutcome());
    vertx.undeploy(id).await();
    w.submit(firing("after"));
    assertEquals(
        new Webhook.Delivery("health", 0, false, "dropped: webhook not running"), nextOutcome());
    assertEquals(2, w.dropped());
    assertEquals(2, batches("dropped"));
    assertTrue(nextRequest().body().contains("\"host\":\"running\""));
    assertTrue(received.isEmpty());
  }
}
