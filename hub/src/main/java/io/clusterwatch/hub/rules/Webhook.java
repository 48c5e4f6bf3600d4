package io.clusterwatch.hub.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Sends alert changes to one webhook: a JSON POST per rule group ({@code {"group": ..., "alerts":
 * [...]}}, alerts as {@link AlertJson}) for the groups it is configured for, firing and resolved
 * changes only. {@link #submit} never blocks: batches wait in a bounded queue (the oldest waiting one
 * is dropped and counted when full) and go out one at a time, in order, through the asynchronous
 * {@link HttpClient}. A network error, 5xx or 429 is retried with exponential backoff up to
 * {@code max_attempts}; any other status is final (the receiver rejected the batch).
 */
public final class Webhook {
  private static final Logger LOG = System.getLogger(Webhook.class.getName());

  /** The body of one POST: the alert changes of one rule group. */
  record Payload(String group, List<AlertJson> alerts) {}

  /** What became of one batch. */
  public record Delivery(String group, int attempts, boolean delivered, String outcome) {}

  private static final class Batch {
    final String group;
    final byte[] body;
    int attempts;

    Batch(String group, byte[] body) {
      this.group = group;
      this.body = body;
    }
  }

  private final WebhookConfig config;
  private final HttpClient client;
  private final ScheduledExecutorService scheduler;
  private final Consumer<Delivery> outcomes;
  private final ObjectMapper mapper = new ObjectMapper();
  private final ArrayDeque<Batch> queue = new ArrayDeque<>();
  private Batch inFlight;
  private final AtomicLong dropped = new AtomicLong();

  /**
   * @param scheduler runs sends and retry delays; shared, never blocked by this class
   * @param outcomes told about every batch's fate (metrics, logs, tests)
   */
  public Webhook(
      WebhookConfig config, HttpClient client, ScheduledExecutorService scheduler, Consumer<Delivery> outcomes) {
    this.config = config;
    this.client = client;
    this.scheduler = scheduler;
    this.outcomes = outcomes;
  }

  /** Batches dropped because the queue was full. */
  public long dropped() {
    return dropped.get();
  }

  /** Queues this webhook's share of the changes; returns at once. */
  public void submit(List<Alert> changes) {
    Map<String, List<AlertJson>> byGroup = new LinkedHashMap<>();
    for (Alert a : changes) {
      if ((a.state() == AlertState.FIRING || a.state() == AlertState.RESOLVED) && config.groups().contains(a.group())) {
        byGroup.computeIfAbsent(a.group(), g -> new ArrayList<>()).add(AlertJson.of(a));
      }
    }
    for (Map.Entry<String, List<AlertJson>> e : byGroup.entrySet()) {
      try {
        enqueue(new Batch(e.getKey(), mapper.writeValueAsBytes(new Payload(e.getKey(), e.getValue()))));
      } catch (JsonProcessingException ex) {
        LOG.log(Level.ERROR, "cannot encode alerts for " + config.url(), ex);
      }
    }
  }

  private void enqueue(Batch b) {
    boolean start;
    synchronized (this) {
      queue.addLast(b);
      while (queue.size() > config.queueCapacity()) {
        Batch oldest = queue.peekFirst() == inFlight ? secondOldest() : queue.pollFirst();
        if (oldest == null) {
          break;
        }
        dropped.incrementAndGet();
        outcomes.accept(new Delivery(oldest.group, oldest.attempts, false, "dropped: queue full"));
      }
      start = inFlight == null;
      if (start) {
        inFlight = queue.peekFirst();
      }
    }
    if (start) {
      execute(this::send);
    }
  }

  /** Hands work to the scheduler; after shutdown the batch stays queued and is logged, never thrown at the caller. */
  private void execute(Runnable r) {
    try {
      scheduler.execute(r);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      LOG.log(Level.WARNING, "webhook " + config.url() + ": scheduler is shut down; alerts not sent");
    }
  }

  private Batch secondOldest() {
    Batch head = queue.pollFirst();
    Batch second = queue.pollFirst();
    queue.addFirst(head);
    return second;
  }

  private void send() {
    Batch b;
    synchronized (this) {
      b = inFlight;
    }
    if (b == null) {
      return;
    }
    b.attempts++;
    HttpRequest req =
        HttpRequest.newBuilder(config.url())
            .timeout(config.timeout())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(b.body))
            .build();
    client
        .sendAsync(req, HttpResponse.BodyHandlers.discarding())
        .whenComplete((resp, err) -> completed(b, resp == null ? -1 : resp.statusCode(), err));
  }

  private void completed(Batch b, int status, Throwable err) {
    boolean ok = err == null && status >= 200 && status < 300;
    boolean retryable = err != null || status >= 500 || status == 429;
    String outcome = err != null ? "error: " + err : "HTTP " + status;
    if (!ok && retryable && b.attempts < config.maxAttempts()) {
      long delay = backoff(b.attempts).toMillis();
      LOG.log(Level.DEBUG, "webhook " + config.url() + " " + outcome + "; retry in " + delay + " ms");
      try {
        scheduler.schedule(this::send, delay, TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        LOG.log(Level.WARNING, "webhook " + config.url() + ": scheduler is shut down; retry dropped");
      }
      return;
    }
    if (!ok) {
      LOG.log(Level.WARNING, "webhook " + config.url() + " gave up on a " + b.group + " batch after "
          + b.attempts + " attempt(s): " + outcome);
    }
    outcomes.accept(new Delivery(b.group, b.attempts, ok, outcome));
    boolean more;
    synchronized (this) {
      queue.remove(b);
      inFlight = queue.peekFirst();
      more = inFlight != null;
    }
    if (more) {
      execute(this::send);
    }
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
