package io.clusterwatch.hub.store;

import io.clusterwatch.protocol.SeriesKey;
import io.clusterwatch.protocol.SeriesTable;
import java.util.List;
import java.util.Optional;

/** A disk-backed store that writes every waiting block file before each read (tests). */
final class FlushingStore implements SampleStore {
  private final ColumnarSampleStore store;

  FlushingStore(ColumnarSampleStore store) {
    this.store = store;
  }

  @Override
  public HostAppender appender(String host, SeriesTable table) {
    return store.appender(host, table);
  }

  @Override
  public List<String> hosts() {
    return store.hosts();
  }

  @Override
  public List<SeriesInfo> series(String host) {
    return store.series(host);
  }

  @Override
  public long seriesGeneration(String host) {
    return store.seriesGeneration(host);
  }

  @Override
  public Optional<LatestValue> latest(String host, SeriesKey key) {
    return store.latest(host, key);
  }

  @Override
  public List<SeriesData> query(SeriesQuery query) {
    store.flush();
    return store.query(query);
  }

  @Override
  public StoreStats stats() {
    store.flush();
    return store.stats();
  }

  @Override
  public void removeHost(String host) {
    store.removeHost(host);
  }
}
