package io.clusterwatch.hub.remotewrite;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * One endpoint's meters under the names Prometheus's own remote-write queue uses (storage/remote
 * queue_manager.go), tagged {@code remote_name} and {@code url}: {@code
 * prometheus_remote_storage_samples_total} (sent), {@code ..._samples_failed_total} (refused for
 * good), {@code ..._samples_retried_total}, {@code ..._samples_dropped_total} (discarded by the
 * bounded queue), {@code ..._samples_pending} and {@code
 * prometheus_remote_storage_queue_highest_sent_timestamp_seconds}.
 */
final class RemoteWriteMeters {
  private final Counter sent;
  private final Counter failed;
  private final Counter retried;
  private final AtomicLong highestSentMs = new AtomicLong();

  // Micrometer holds a function meter's object weakly: these lambdas live as long as the meters.
  private final LongSupplier dropped;
  private final LongSupplier pending;

  RemoteWriteMeters(
      MeterRegistry registry,
      RemoteWriteSettings settings,
      LongSupplier dropped,
      LongSupplier pending) {
    this.dropped = dropped;
    this.pending = pending;
    Tags tags = Tags.of("remote_name", settings.name(), "url", settings.url());
    sent =
        Counter.builder("prometheus_remote_storage_samples")
            .tags(tags)
            .description("Samples sent to remote storage")
            .register(registry);
    failed =
        Counter.builder("prometheus_remote_storage_samples_failed")
            .tags(tags)
            .description("Samples the remote storage refused for good (a 4xx other than 429)")
            .register(registry);
    retried =
        Counter.builder("prometheus_remote_storage_samples_retried")
            .tags(tags)
            .description("Samples sent again after a 5xx, a 429 or a failed connection")
            .register(registry);
    FunctionCounter.builder(
            "prometheus_remote_storage_samples_dropped", dropped, d -> d.getAsLong())
        .tags(tags)
        .description("Samples dropped because the queue was at capacity")
        .register(registry);
    Gauge.builder("prometheus_remote_storage_samples_pending", pending, p -> p.getAsLong())
        .tags(tags)
        .description("Samples waiting to be sent")
        .register(registry);
    Gauge.builder(
            "prometheus_remote_storage_queue_highest_sent_timestamp_seconds",
            highestSentMs,
            h -> h.get() / 1000.0)
        .tags(tags)
        .description("Newest sample timestamp successfully sent, seconds since the epoch")
        .register(registry);
  }

  void sent(int samples, long newestMs) {
    sent.increment(samples);
    highestSentMs.accumulateAndGet(newestMs, Math::max);
  }

  void failed(int samples) {
    failed.increment(samples);
  }

  void retried(int samples) {
    retried.increment(samples);
  }
}
