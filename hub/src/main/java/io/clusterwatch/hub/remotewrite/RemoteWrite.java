package io.clusterwatch.hub.remotewrite;

import io.clusterwatch.hub.jobs.JobRegistry;
import io.clusterwatch.hub.store.SampleStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The hub's remote write: one {@link InMemoryRemoteWriteSource} and one {@link RemoteWriteSender}
 * per configured endpoint, fed through {@link #wrap} with every tick the store accepts. With no
 * endpoint configured it changes nothing.
 */
public final class RemoteWrite {
  /** How often at most one endpoint's problems are logged. */
  public static final Duration FAULT_LOG_INTERVAL = Duration.ofMinutes(1);

  private final List<RemoteWriteSender> senders = new ArrayList<>();
  private final RemoteWriteFeed feed;
  private final List<String> deployments = new ArrayList<>();

  public RemoteWrite(
      List<RemoteWriteSettings> endpoints, JobRegistry jobs, MeterRegistry registry, Clock clock) {
    List<InMemoryRemoteWriteSource> sources = new ArrayList<>();
    for (RemoteWriteSettings s : endpoints) {
      InMemoryRemoteWriteSource source = new InMemoryRemoteWriteSource(s.queueConfig().capacity());
      sources.add(source);
      senders.add(
          new RemoteWriteSender(s, source, RequestAuth.of(s), registry, clock, FAULT_LOG_INTERVAL));
    }
    feed = sources.isEmpty() ? null : new RemoteWriteFeed(sources, jobs);
  }

  /**
   * {@code store}, telling remote write of every stored tick; {@code store} itself when none is
   * configured.
   */
  public SampleStore wrap(SampleStore store) {
    return feed == null ? store : new ListeningSampleStore(store, feed);
  }

  /** Deploys one sender per endpoint. */
  public Future<Void> start(Vertx vertx) {
    List<Future<String>> started = new ArrayList<>();
    for (RemoteWriteSender s : senders) {
      started.add(vertx.deployVerticle(s).onSuccess(deployments::add));
    }
    return Future.all(started).mapEmpty();
  }

  public Future<Void> stop(Vertx vertx) {
    List<Future<Void>> stopped = new ArrayList<>();
    for (String id : deployments) {
      stopped.add(vertx.undeploy(id));
    }
    deployments.clear();
    return Future.all(stopped).mapEmpty();
  }
}
