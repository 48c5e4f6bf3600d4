package io.clusterwatch.hub.store;

import io.clusterwatch.protocol.DataFrameCodec;
import io.clusterwatch.protocol.SeriesTable;
import java.util.Arrays;

/**
 * Stages one tick's raw values (per table position) and hands them to the host's columns at commit,
 * so a frame that fails to decode half way stores nothing and holds no lock.
 */
final class ColumnarHostAppender implements HostAppender, DataFrameCodec.ValueVisitor {
  private final ColumnarSampleStore store;
  private final SeriesTable table;
  private final long[] bits;
  private final boolean[] present;
  private HostColumns host;
  private TableMapping mapping;
  private long pendingTsMs;
  private boolean pending;

  ColumnarHostAppender(ColumnarSampleStore store, HostColumns host, SeriesTable table) {
    this.store = store;
    this.table = table;
    this.bits = new long[table.size()];
    this.present = new boolean[table.size()];
    bind(host);
  }

  private void bind(HostColumns h) {
    this.host = h;
    this.mapping = h.map(table, store.config().maxSeriesPerHost());
  }

  @Override
  public DataFrameCodec.ValueVisitor begin(long timestampMs) {
    if (host.isRemoved()) {
      // the host was forgotten while its agent stays connected: start it afresh
      bind(store.hostForAppend(host.name));
    }
    pending = false;
    if (!host.accepts(timestampMs)) {
      return null;
    }
    Arrays.fill(present, false);
    pendingTsMs = timestampMs;
    pending = true;
    return this;
  }

  @Override
  public void value(int index, long rawBits) {
    bits[index] = rawBits;
    present[index] = true;
  }

  @Override
  public void absent(int index) {
    present[index] = false;
  }

  @Override
  public void commit() {
    if (!pending) {
      throw new IllegalStateException(
          "commit() for host " + host.name + " without an accepted begin()");
    }
    pending = false;
    if (host.commit(pendingTsMs, mapping, bits, present)) {
      store.ticked(pendingTsMs);
    }
  }
}
