package io.clusterwatch.hub.remotewrite;

import io.clusterwatch.hub.store.HostAppender;
import io.clusterwatch.hub.store.LatestValue;
import io.clusterwatch.hub.store.SampleStore;
import io.clusterwatch.hub.store.SeriesData;
import io.clusterwatch.hub.store.SeriesInfo;
import io.clusterwatch.hub.store.SeriesQuery;
import io.clusterwatch.hub.store.StoreStats;
import io.clusterwatch.protocol.DataFrameCodec;
import io.clusterwatch.protocol.SeriesKey;
import io.clusterwatch.protocol.SeriesTable;
import java.util.List;
import java.util.Optional;

/**
 * A store that takes every tick and keeps none: under a {@link ListeningSampleStore} it lets the
 * log replayer decode write-ahead-log frames for remote write alone, without storing them again.
 */
final class DiscardingSampleStore implements SampleStore {
  private static final DataFrameCodec.ValueVisitor IGNORE =
      new DataFrameCodec.ValueVisitor() {
        @Override
        public void value(int index, long rawBits) {}

        @Override
        public void absent(int index) {}
      };

  private static final HostAppender APPENDER =
      new HostAppender() {
        @Override
        public DataFrameCodec.ValueVisitor begin(long timestampMs) {
          return IGNORE;
        }

        @Override
        public void commit() {}
      };

  @Override
  public HostAppender appender(String host, SeriesTable table) {
    return APPENDER;
  }

  @Override
  public List<String> hosts() {
    return List.of();
  }

  @Override
  public List<SeriesInfo> series(String host) {
    return List.of();
  }

  /** Never any series, so never a change. */
  @Override
  public long seriesGeneration(String host) {
    return 0;
  }

  @Override
  public Optional<LatestValue> latest(String host, SeriesKey key) {
    return Optional.empty();
  }

  @Override
  public List<SeriesData> query(SeriesQuery query) {
    return List.of();
  }

  @Override
  public StoreStats stats() {
    return new StoreStats(0, 0, 0, 0);
  }

  @Override
  public void removeHost(String host) {}
}
