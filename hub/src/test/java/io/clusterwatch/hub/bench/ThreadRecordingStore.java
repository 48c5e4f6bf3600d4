package io.clusterwatch.hub.bench;

import io.clusterwatch.hub.store.HostAppender;
import io.clusterwatch.hub.store.LatestValue;
import io.clusterwatch.hub.store.SampleStore;
import io.clusterwatch.hub.store.SeriesData;
import io.clusterwatch.hub.store.SeriesInfo;
import io.clusterwatch.hub.store.SeriesQuery;
import io.clusterwatch.hub.store.StoreStats;
import io.clusterwatch.protocol.SeriesKey;
import io.clusterwatch.protocol.SeriesTable;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A store that remembers which threads ask it for appenders: the hub's ingest event loops, whose
 * CPU time the benchmark measures apart from the load generator's.
 */
final class ThreadRecordingStore implements SampleStore {
  private final SampleStore delegate;
  private final Set<Long> ingestThreads;

  ThreadRecordingStore(SampleStore delegate, Set<Long> ingestThreads) {
    this.delegate = delegate;
    this.ingestThreads = ingestThreads;
  }

  @Override
  public HostAppender appender(String host, SeriesTable table) {
    ingestThreads.add(Thread.currentThread().getId());
    return delegate.appender(host, table);
  }

  @Override
  public List<String> hosts() {
    return delegate.hosts();
  }

  @Override
  public List<SeriesInfo> series(String host) {
    return delegate.series(host);
  }

  @Override
  public long seriesGeneration(String host) {
    return delegate.seriesGeneration(host);
  }

  @Override
  public Optional<LatestValue> latest(String host, SeriesKey key) {
    return delegate.latest(host, key);
  }

  @Override
  public List<SeriesData> query(SeriesQuery query) {
    return delegate.query(query);
  }

  @Override
  public StoreStats stats() {
    return delegate.stats();
  }

  @Override
  public void removeHost(String host) {
    delegate.removeHost(host);
  }
}
