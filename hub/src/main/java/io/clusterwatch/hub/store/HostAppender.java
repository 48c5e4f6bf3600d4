package io.clusterwatch.hub.store;

import io.clusterwatch.protocol.DataFrameCodec;

/**
 * Appends one host's ticks for one series table. Use: {@code begin(ts)}, then the returned visitor
 * receives every position of the frame (through {@link DataFrameCodec#decode}), then {@link
 * #commit()}. Not thread-safe: one connection appends at a time.
 */
public interface HostAppender {
  /**
   * Starts a tick at {@code timestampMs} (the agent's clock). A tick not newer than the host's
   * newest stored tick is rejected: returns null and nothing is stored. The tick goes to the raw
   * slot {@code floor(timestampMs / step)}; a tick that falls in the slot already filled by the
   * newest tick (timer jitter around a slot boundary) moves to the next slot if that starts at most
   * half a step later, else it is rejected too (the host sends faster than the store's step).
   */
  DataFrameCodec.ValueVisitor begin(long timestampMs);

  /** Makes the tick visible to queries. */
  void commit();
}
