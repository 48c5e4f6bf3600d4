package io.clusterwatch.hub.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.codec.BodyCodec;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends alert changes to one webhook: a JSON POST per rule group ({@code {"group": ..., "alerts":
 * [...]}}, alerts as {@link AlertJson}) for the groups it is configured for, firing and resolved
 * changes only. {@link #submit} never blocks: the batches are handed to this verticle's event loop,
 * where they wait in a bounded queue (the oldest waiting one is dropped and counted when full) and
 * go out one at a time, in order, through the Vert.x {@link WebClient}. A network error, a request
 * that connects or waits for the answer longer than {@code timeout}, a 5xx or a 429 is retried
 * after a Vert.x timer of exponential backoff, up to {@code max_attempts}; any other status
 * (redirects included, they are not followed) is final: the receiver rejected the batch.
 */
public final class Webhook extends VerticleBase {
  private static final Logger LOG = System.getLogger(Webhook.class.getName());
  static final String USER_AGENT = "clusterwatch-hub/webhook";

  /** The body of one POST: the alert changes of one rule group. */
  record Payload(String group, List<AlertJson> alerts) {}

  /** What became of one batch. */
  public record Delivery(String group, int attempts, boolean delivered, String outcome) {}

  /** Told what becomes of the batches. */
  @FunctionalInterface
  public interface Listener {
    /** A batch's fate: delivered, given up, or dropped unsent. */
    void delivery(Delivery d);

    /**
     * Try {@code attempts} of a {@code group} batch failed with {@code outcome}; the next follows
     * {@code delay} later.
     */
    default void retrying(String group, int attempts, Duration delay, String outcome) {}
  }

  private static final class Batch {
    final String group;
    final Buffer body;
    int attempts;

    Batch(String group, Buffer body) {
      this.group = group;
      this.body = body;
    }
  }

  private final WebhookConfig config;
  private final Listener listener;
  private final ObjectMapper mapper = new ObjectMapper();
  private final AtomicLong dropped = new AtomicLong();
  // Touched only on this verticle's event loop.
  private final ArrayDeque<Batch> waiting = new ArrayDeque<>();
  private Batch inFlight;
  private long retryTimer = -1;
  private WebClient client;

  /** This verticle's context while it runs; null before start and after stop. */
  private volatile Context loop;

  /**
   * @param listener told about every batch's fate (metrics, logs, tests) and every retry
   */
  public Webhook(WebhookConfig config, Listener listener) {
    this.config = config;
    this.listener = listener;
  }

  @Override
  public Future<?> start() {
    // One batch is in flight at a time, so one connection is all this webhook uses.
    client =
        WebClient.create(
            vertx,
            new WebClientOptions().setUserAgent(USER_AGENT).setFollowRedirects(false),
            new PoolOptions().setHttp1MaxSize(1));
    loop = context;
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    loop = null;
    vertx.cancelTimer(retryTimer);
    int unsent = waiting.size() + (inFlight == null ? 0 : 1);
    if (unsent > 0) {
      LOG.log(
          Level.WARNING,
          "webhook " + config.url() + " stopped with " + unsent + " batch(es) unsent");
    }
    waiting.clear();
    inFlight = null;
    client.close();
    return Future.succeededFuture();
  }

  /** Batches dropped unsent: the queue was full, or the webhook was not running. */
  public long dropped() {
    return dropped.get();
  }

  /** Queues this webhook's share of the changes; returns at once, from any thread. */
  public void submit(List<Alert> changes) {
    Map<String, List<AlertJson>> byGroup = new LinkedHashMap<>();
    for (Alert a : changes) {
      if ((a.state() == AlertState.FIRING || a.state() == AlertState.RESOLVED)
          && config.groups().contains(a.group())) {
        byGroup.computeIfAbsent(a.group(), g -> new ArrayList<>()).add(AlertJson.of(a));
      }
    }
    List<Batch> batches = new ArrayList<>();
    for (Map.Entry<String, List<AlertJson>> e : byGroup.entrySet()) {
      try {
        batches.add(
            new Batch(
                e.getKey(),
                Buffer.buffer(mapper.writeValueAsBytes(new Payload(e.getKey(), e.getValue())))));
      } catch (JsonProcessingException ex) {
        LOG.log(Level.ERROR, "cannot encode alerts for " + config.url(), ex);
      }
    }
    if (batches.isEmpty()) {
      return;
    }
    Context c = loop;
    if (c == null) {
      LOG.log(
          Level.WARNING,
          "webhook " + config.url() + " is not running; " + batches.size() + " batch(es) not sent");
      batches.forEach(b -> drop(b, "dropped: webhook not running"));
      return;
    }
    // Tasks run on a context in the order they were handed over, so batches keep their order.
    c.runOnContext(v -> enqueue(batches));
  }

  private void enqueue(List<Batch> batches) {
    if (loop == null) {
      batches.forEach(b -> drop(b, "dropped: webhook not running"));
      return;
    }
    for (Batch b : batches) {
      waiting.addLast(b);
      // The batch in flight counts against the capacity but is never the one dropped.
      while (!waiting.isEmpty()
          && waiting.size() + (inFlight == null ? 0 : 1) > config.queueCapacity()) {
        drop(waiting.pollFirst(), "dropped: queue full");
      }
    }
    if (inFlight == null) {
      sendNext();
    }
  }

  private void drop(Batch b, String why) {
    dropped.incrementAndGet();
    listener.delivery(new Delivery(b.group, b.attempts, false, why));
  }

  private void sendNext() {
    inFlight = waiting.pollFirst();
    if (inFlight != null) {
      attempt(inFlight);
    }
  }

  private void attempt(Batch b) {
    retryTimer = -1;
    if (loop == null) {
      return;
    }
    b.attempts++;
    client
        .postAbs(config.url().toString())
        .putHeader("Content-Type", "application/json")
        .timeout(config.timeout().toMillis())
        .as(BodyCodec.none())
        .sendBuffer(b.body)
        .onComplete(ar -> answered(b, ar));
  }

  private void answered(Batch b, AsyncResult<HttpResponse<Void>> ar) {
    if (loop == null || b != inFlight) {
      return; // stopped meanwhile
    }
    int status = ar.succeeded() ? ar.result().statusCode() : -1;
    boolean ok = status >= 200 && status < 300;
    boolean retryable = ar.failed() || status >= 500 || status == 429;
    String outcome = ar.failed() ? "error: " + ar.cause() : "HTTP " + status;
    if (!ok && retryable && b.attempts < config.maxAttempts()) {
      Duration delay = backoff(b.attempts);
      LOG.log(
          Level.DEBUG,
          "webhook " + config.url() + " " + outcome + "; retry in " + delay.toMillis() + " ms");
      listener.retrying(b.group, b.attempts, delay, outcome);
      retryTimer = vertx.setTimer(delay.toMillis(), t -> attempt(b));
      return;
    }
    if (!ok) {
      LOG.log(
          Level.WARNING,
          "webhook "
              + config.url()
              + " gave up on a "
              + b.group
              + " batch after "
              + b.attempts
              + " attempt(s): "
              + outcome);
    }
    listener.delivery(new Delivery(b.group, b.attempts, ok, outcome));
    sendNext();
  }

  /** Delay before try {@code attempts + 1}: initial, doubled per failed try, capped. */
  Duration backoff(int attempts) {
    Duration d = config.backoffInitial();
    for (int i = 1; i < attempts && d.compareTo(config.backoffMax()) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(config.backoffMax()) > 0 ? config.backoffMax() : d;
  }
}
