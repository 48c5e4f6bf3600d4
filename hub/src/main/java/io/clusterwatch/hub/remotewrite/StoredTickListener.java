package io.clusterwatch.hub.remotewrite;

import io.clusterwatch.protocol.SeriesTable;

/** Told of every tick the store accepted, with the frame's raw values (counters not yet rates). */
public interface StoredTickListener {
  /**
   * Called on the ingest thread right after the tick became visible; must not block.
   *
   * @param rawBits per table position: u64 counter or f64 gauge bits, as on the wire
   * @param present per table position: whether the frame carried a value; the arrays are reused
   *     after the call returns
   */
  void stored(String host, SeriesTable table, long timestampMs, long[] rawBits, boolean[] present);
}
