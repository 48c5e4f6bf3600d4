package io.clusterwatch.hub.remotewrite;

import io.clusterwatch.hub.store.HostAppender;
import io.clusterwatch.hub.store.LatestValue;
import io.clusterwatch.hub.store.SampleStore;
import io.clusterwatch.hub.store.SeriesData;
import io.clusterwatch.hub.store.SeriesInfo;
import io.clusterwatch.hub.store.SeriesQuery;
import io.clusterwatch.hub.store.StoreStats;
import io.clusterwatch.hub.store.WindowSums;
import io.clusterwatch.protocol.DataFrameCodec;
import io.clusterwatch.protocol.SeriesKey;
import io.clusterwatch.protocol.SeriesTable;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A {@link SampleStore} that tells a {@link StoredTickListener} of every tick it stored, with the
 * raw frame values; everything else goes straight to the store it wraps. Remote write is fed this
 * way, so it sees exactly what the store accepted (a tick the store refuses is not sent either).
 */
public final class ListeningSampleStore implements SampleStore {
  private final SampleStore store;
  private final StoredTickListener listener;

  public ListeningSampleStore(SampleStore store, StoredTickListener listener) {
    this.store = store;
    this.listener = listener;
  }

  @Override
  public HostAppender appender(String host, SeriesTable table) {
    return new Appender(host, table, store.appender(host, table));
  }

  /** Copies each value on its way to the store's own visitor. */
  private final class Appender implements HostAppender, DataFrameCodec.ValueVisitor {
    private final String host;
    private final SeriesTable table;
    private final HostAppender inner;
    private final long[] bits;
    private final boolean[] present;
    private DataFrameCodec.ValueVisitor innerVisitor;
    private long timestampMs;

    Appender(String host, SeriesTable table, HostAppender inner) {
      this.host = host;
      this.table = table;
      this.inner = inner;
      this.bits = new long[table.size()];
      this.present = new boolean[table.size()];
    }

    @Override
    public DataFrameCodec.ValueVisitor begin(long timestampMs) {
      innerVisitor = inner.begin(timestampMs);
      if (innerVisitor == null) {
        return null;
      }
      this.timestampMs = timestampMs;
      Arrays.fill(present, false);
      return this;
    }

    @Override
    public void value(int index, long rawBits) {
      bits[index] = rawBits;
      present[index] = true;
      innerVisitor.value(index, rawBits);
    }

    @Override
    public void absent(int index) {
      present[index] = false;
      innerVisitor.absent(index);
    }

    @Override
    public void commit() {
      inner.commit();
      listener.stored(host, table, timestampMs, bits, present);
    }
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
    return store.query(query);
  }

  @Override
  public Optional<WindowSums> sums(
      String host, SeriesKey key, long fromMs, long toMs, int maxPoints) {
    return store.sums(host, key, fromMs, toMs, maxPoints);
  }

  @Override
  public StoreStats stats() {
    return store.stats();
  }

  @Override
  public void removeHost(String host) {
    store.removeHost(host);
  }
}
