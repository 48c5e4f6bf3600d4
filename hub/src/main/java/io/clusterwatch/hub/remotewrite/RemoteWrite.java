package io.clusterwatch.hub.remotewrite;

import io.clusterwatch.hub.config.HubConfig;
import io.clusterwatch.hub.jobs.JobRegistry;
import io.clusterwatch.hub.jobs.StaticJobs;
import io.clusterwatch.hub.store.SampleStore;
import io.clusterwatch.hub.wal.CheckpointingLog;
import io.clusterwatch.hub.wal.DurableLog;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The hub's remote write: one source and one {@link RemoteWriteSender} per configured endpoint.
 * With a data directory each endpoint reads the write-ahead log ({@link WalRemoteWriteSource}), so
 * an outage of the database or a restart of the hub loses nothing; without one, every tick the
 * store accepts is fed through {@link #wrap} into an {@link InMemoryRemoteWriteSource} per
 * endpoint, bounded by {@code capacity} and lost on restart. With no endpoint configured it changes
 * nothing.
 */
public final class RemoteWrite {
  /** How often at most one endpoint's problems are logged. */
  public static final Duration FAULT_LOG_INTERVAL = Duration.ofMinutes(1);

  private final List<RemoteWriteSender> senders = new ArrayList<>();
  private final List<WalRemoteWriteSource> logSources = new ArrayList<>();
  private final RemoteWriteFeed feed;
  private final List<String> deployments = new ArrayList<>();

  /**
   * @param jobs the hub's job registry (the in-memory path names jobs from it as ticks arrive)
   * @param log the hub's log: a {@link CheckpointingLog} when the hub has a data directory
   */
  public RemoteWrite(
      HubConfig config, JobRegistry jobs, MeterRegistry registry, Clock clock, DurableLog log) {
    List<RemoteWriteSettings> endpoints = config.remoteWrite();
    checkDistinctFiles(endpoints);
    List<java.util.function.Consumer<TickEntry>> memorySinks = new ArrayList<>();
    for (RemoteWriteSettings s : endpoints) {
      RemoteWriteSource source;
      if (log instanceof CheckpointingLog durable && !config.store().path().isEmpty()) {
        JobRegistry own = new JobRegistry(config.jobs().maxFinished());
        StaticJobs.apply(config.jobs().staticJobs(), own, clock.millis());
        WalRemoteWriteSource w =
            new WalRemoteWriteSource(s, durable, Path.of(config.store().path()), own, clock);
        Gauge.builder("clusterwatch_remote_write_wal_lag_bytes", w, WalRemoteWriteSource::lagBytes)
            .tags("remote_name", s.name(), "url", s.url())
            .description("Bytes of write-ahead log appended after what the endpoint acknowledged")
            .register(registry);
        logSources.add(w);
        source = w;
      } else {
        InMemoryRemoteWriteSource m = new InMemoryRemoteWriteSource(s.queueConfig().capacity());
        memorySinks.add(m::append);
        source = m;
      }
      senders.add(
          new RemoteWriteSender(s, source, RequestAuth.of(s), registry, clock, FAULT_LOG_INTERVAL));
    }
    feed = memorySinks.isEmpty() ? null : new RemoteWriteFeed(memorySinks, jobs);
  }

  /** Two endpoints whose names map to one position file would overwrite each other's position. */
  private static void checkDistinctFiles(List<RemoteWriteSettings> endpoints) {
    Map<String, String> byFile = new HashMap<>();
    for (RemoteWriteSettings s : endpoints) {
      String other = byFile.put(PositionFile.fileName(s.name()), s.name());
      if (other != null) {
        throw new IllegalArgumentException(
            "remote_write: endpoints '"
                + other
                + "' and '"
                + s.name()
                + "' need different names (the name keys each endpoint's read position)");
      }
    }
  }

  /**
   * {@code store}, telling the in-memory sources of every stored tick; {@code store} itself when
   * the endpoints read the log or none is configured.
   */
  public SampleStore wrap(SampleStore store) {
    return feed == null ? store : new ListeningSampleStore(store, feed);
  }

  /** Starts the log readers and deploys one sender per endpoint. */
  public Future<Void> start(Vertx vertx) {
    for (WalRemoteWriteSource s : logSources) {
      s.start();
    }
    List<Future<String>> started = new ArrayList<>();
    for (RemoteWriteSender s : senders) {
      started.add(vertx.deployVerticle(s).onSuccess(deployments::add));
    }
    return Future.all(started).mapEmpty();
  }

  /** Undeploys the senders; each closes its source (a log reader saves its position). */
  public Future<Void> stop(Vertx vertx) {
    List<Future<Void>> stopped = new ArrayList<>();
    for (String id : deployments) {
      stopped.add(vertx.undeploy(id));
    }
    deployments.clear();
    return Future.all(stopped).mapEmpty();
  }
}
