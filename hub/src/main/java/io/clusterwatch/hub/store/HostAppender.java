package io.clusterwatch.hub.store;

import io.clusterwatch.protocol.DataFrameCodec;

/**
 * Appends one host's ticks for one series table. Use: {@code begin(ts)}, then the returned visitor
 * receives every position of the frame (through {@link DataFrameCodec#decode}), then
 * {@link #commit()}. Not thread-safe: one connection appends at a time.
 */
public interface HostAppender {
  /**
   * Starts a tick at {@code timestampMs} (the agent's clock). A tick older than the host's newest
   * stored tick is rejected: returns null and nothing is stored.
   */
  DataFrameCodec.ValueVisitor begin(long timestampMs);

  /** Makes the tick visible to queries. */
  void commit();
}
