package io.clusterwatch.hub.remotewrite;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends one endpoint's samples with Prometheus remote write 1.0, on its own event loop. Reads ticks
 * from its {@link RemoteWriteSource} only as far as its shards can send them (one request per
 * shard), so a slow endpoint leaves the backlog in the source, which is bounded. Semantics of the
 * remote-write specification: a 2xx is delivered; a 5xx, a 429 or a failed connection is retried
 * with {@link Backoff} (honouring {@code Retry-After}) until it goes through; any other 4xx is
 * refused for good: counted as failed, logged, never retried. The source is acknowledged up to the
 * oldest sample still queued in any shard.
 */
public final class RemoteWriteSender extends VerticleBase {
  /** remote write 1.0: the protocol version header value (Prometheus sends 0.1.0). */
  static final String PROTOCOL_VERSION = "0.1.0";

  static final String USER_AGENT = "clusterwatch-hub/remote-write";

  private final RemoteWriteSettings settings;
  private final RemoteWriteSource source;
  private final RequestAuth auth;
  private final RemoteWriteMeters meters;
  private final FaultLog faults;
  private final Clock clock;
  private final WriteRequestEncoder encoder;
  private final Shard[] shards;
  private final int maxPerSend;
  private final AtomicBoolean pumpScheduled = new AtomicBoolean();
  private WebClient client;
  private long flushTimer = -1;
  private long lastReadPosition;
  private long lastDropped;
  private boolean stopped;

  public RemoteWriteSender(
      RemoteWriteSettings settings,
      RemoteWriteSource source,
      RequestAuth auth,
      io.micrometer.core.instrument.MeterRegistry registry,
      Clock clock,
      Duration faultLogInterval) {
    this.settings = settings;
    this.source = source;
    this.auth = auth;
    this.clock = clock;
    this.encoder = new WriteRequestEncoder(settings.externalLabels());
    this.maxPerSend = settings.queueConfig().maxSamplesPerSend();
    this.shards = new Shard[settings.queueConfig().maxShards()];
    for (int i = 0; i < shards.length; i++) {
      shards[i] = new Shard();
    }
    this.faults = new FaultLog(settings.url(), clock, faultLogInterval);
    this.meters =
        new RemoteWriteMeters(registry, settings, source::droppedSamples, this::pendingSamples);
  }

  @Override
  public Future<?> start() {
    WebClientOptions options =
        new WebClientOptions()
            .setUserAgent(USER_AGENT)
            .setConnectTimeout(
                (int) Math.min(Integer.MAX_VALUE, settings.remoteTimeout().toMillis()));
    RemoteWriteSettings.TlsConfig tls = settings.tlsConfig();
    if (tls.insecureSkipVerify()) {
      options.setTrustAll(true).setVerifyHost(false);
    } else if (tls.caFile() != null) {
      options.setTrustOptions(new PemTrustOptions().addCertPath(tls.caFile()));
    }
    client = WebClient.create(vertx, options, new PoolOptions().setHttp1MaxSize(shards.length));
    source.onAvailable(this::schedulePump);
    long deadline = settings.queueConfig().batchSendDeadline().toMillis();
    flushTimer = vertx.setPeriodic(deadline, deadline, t -> flushAll());
    schedulePump();
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    source.onAvailable(() -> {});
    vertx.cancelTimer(flushTimer);
    client.close();
    return vertx.executeBlocking(
        () -> {
          source.close();
          return null;
        });
  }

  /** Samples waiting: in the source and queued in the shards. */
  long pendingSamples() {
    long queued = 0;
    for (Shard s : shards) {
      queued += s.size();
    }
    return source.pendingSamples() + queued;
  }

  /** From ingest threads: one pump on this verticle's loop however many ticks arrive meanwhile. */
  private void schedulePump() {
    if (pumpScheduled.compareAndSet(false, true)) {
      context.runOnContext(
          v -> {
            pumpScheduled.set(false);
            pump(false);
          });
    }
  }

  /** Reads what the shards can send now and starts a request on every idle shard that is full. */
  private void pump(boolean flush) {
    if (stopped) {
      return;
    }
    int queued = 0;
    for (Shard s : shards) {
      queued += s.size();
    }
    int room = shards.length * maxPerSend - queued;
    while (room > 0) {
      RemoteWriteSource.Batch batch = source.poll(room);
      if (batch.isEmpty()) {
        break;
      }
      for (int k = 0; k < batch.entries().size(); k++) {
        TickEntry e = batch.entries().get(k);
        long position = batch.position(k);
        for (int i = 0; i < e.size(); i++) {
          PromSeries series = e.series()[i];
          shards[Math.floorMod(series.hashCode() * 0x9E3779B9, shards.length)].add(
              new QueuedSample(series, e.timestampMs(), e.values()[i], position));
        }
      }
      lastReadPosition = batch.lastPosition();
      room -= batch.samples();
    }
    for (Shard s : shards) {
      if (!s.inFlight() && (s.size() >= maxPerSend || flush && s.size() > 0)) {
        send(s);
      }
    }
  }

  private void flushAll() {
    long dropped = source.droppedSamples();
    if (dropped > lastDropped) {
      faults.report((dropped - lastDropped) + " samples dropped: " + source.dropCause());
      lastDropped = dropped;
    }
    faults.flush();
    pump(true);
  }

  private void send(Shard shard) {
    List<QueuedSample> batch = shard.take(maxPerSend);
    Buffer body = Buffer.buffer(encoder.compressed(batch));
    attempt(
        shard,
        batch,
        body,
        new Backoff(settings.queueConfig().minBackoff(), settings.queueConfig().maxBackoff()));
  }

  private void attempt(Shard shard, List<QueuedSample> batch, Buffer body, Backoff backoff) {
    if (stopped) {
      return;
    }
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    settings.headers().forEach(headers::add);
    auth.apply(headers);
    headers.set("Content-Encoding", "snappy");
    headers.set("Content-Type", "application/x-protobuf");
    headers.set("X-Prometheus-Remote-Write-Version", PROTOCOL_VERSION);
    client
        .postAbs(settings.url())
        .putHeaders(headers)
        .timeout(settings.remoteTimeout().toMillis())
        .sendBuffer(body)
        .onComplete(ar -> answered(shard, batch, body, backoff, ar));
  }

  private void answered(
      Shard shard,
      List<QueuedSample> batch,
      Buffer body,
      Backoff backoff,
      AsyncResult<HttpResponse<Buffer>> ar) {
    if (stopped) {
      return;
    }
    int n = batch.size();
    String retryAfter = null;
    String problem;
    if (ar.succeeded()) {
      int status = ar.result().statusCode();
      if (status / 100 == 2) {
        meters.sent(n, newest(batch));
        finished(shard, n);
        return;
      }
      String text = bodyText(ar.result());
      if (status != 429 && status / 100 == 4) {
        meters.failed(n);
        faults.report("HTTP " + status + " refused " + n + " samples, not retried: " + text);
        finished(shard, n);
        return;
      }
      retryAfter = ar.result().getHeader("Retry-After");
      problem = "HTTP " + status + ": " + text;
    } else {
      problem = "request failed: " + ar.cause().getMessage();
    }
    meters.retried(n);
    long delay = backoff.nextDelayMs(retryAfter, clock.millis());
    faults.report(problem + "; retrying " + n + " samples in " + delay + " ms");
    vertx.setTimer(delay, t -> attempt(shard, batch, body, backoff));
  }

  private void finished(Shard shard, int n) {
    shard.done(n);
    long oldest = Long.MAX_VALUE;
    for (Shard s : shards) {
      oldest = Math.min(oldest, s.oldestPosition());
    }
    source.acknowledge(oldest == Long.MAX_VALUE ? lastReadPosition : oldest - 1);
    pump(false);
  }

  private static long newest(List<QueuedSample> batch) {
    long max = Long.MIN_VALUE;
    for (QueuedSample s : batch) {
      max = Math.max(max, s.timestampMs());
    }
    return max;
  }

  private static String bodyText(HttpResponse<Buffer> response) {
    Buffer b = response.body();
    if (b == null || b.length() == 0) {
      return "(empty body)";
    }
    String text = b.toString().strip();
    return text.length() > 200 ? text.substring(0, 200) + "..." : text;
  }
}
