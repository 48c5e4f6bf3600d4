package io.clusterwatch.hub.store;

import io.clusterwatch.protocol.DataFrameCodec;
import io.clusterwatch.protocol.SeriesTable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Stages one tick's raw values (per table position) and its presence bitmap (the wire's layout: bit
 * {@code i % 8} of byte {@code i / 8}) and hands them to the host's columns at commit, so a frame
 * that fails to decode half way stores nothing and holds no lock.
 */
final class ColumnarHostAppender implements HostAppender, DataFrameCodec.ValueVisitor {
  private final ColumnarSampleStore store;
  private final SeriesTable table;
  private final long[] bits;
  private final byte[] presence;
  private HostColumns host;
  private TableMapping mapping;
  private long pendingTsMs;
  private boolean pending;

  ColumnarHostAppender(ColumnarSampleStore store, HostColumns host, SeriesTable table) {
    this.store = store;
    this.table = table;
    this.bits = new long[table.size()];
    this.presence = new byte[(table.size() + 7) >>> 3];
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
    Arrays.fill(presence, (byte) 0);
    pendingTsMs = timestampMs;
    pending = true;
    return this;
  }

  @Override
  public void value(int index, long rawBits) {
    bits[index] = rawBits;
    presence[index >>> 3] |= (byte) (1 << (index & 7));
  }

  @Override
  public void absent(int index) {
    presence[index >>> 3] &= (byte) ~(1 << (index & 7));
  }

  /**
   * Copies the bitmap and all values in two bulk reads: the values' byte swap runs in the JDK's
   * native copy instead of one call per value.
   */
  @Override
  public void frame(ByteBuffer frame, int bitmapAt, int valuesAt, int count) {
    frame.get(bitmapAt, presence, 0, presence.length);
    frame
        .slice(valuesAt, 8 * count)
        .order(ByteOrder.BIG_ENDIAN)
        .asLongBuffer()
        .get(0, bits, 0, count);
  }

  @Override
  public void commit() {
    if (!pending) {
      throw new IllegalStateException(
          "commit() for host " + host.name + " without an accepted begin()");
    }
    pending = false;
    if (host.commit(pendingTsMs, mapping, bits, presence)) {
      store.ticked(pendingTsMs);
    }
  }
}
