package io.clusterwatch.hub.ingest;

/**
 * Acknowledgements waiting for the log: pairs of (log position, sequence) in append order, kept in
 * two growable rings of longs (no object per frame). Used on one connection's event loop only.
 */
final class AckQueue {
  private long[] positions = new long[16];
  private long[] sequences = new long[16];
  private int head;
  private int size;

  void add(long position, long seq) {
    if (size == positions.length) {
      positions = unroll(positions);
      sequences = unroll(sequences);
      head = 0;
    }
    int i = (head + size) % positions.length;
    positions[i] = position;
    sequences[i] = seq;
    size++;
  }

  private long[] unroll(long[] ring) {
    long[] bigger = new long[ring.length * 2];
    int first = Math.min(size, ring.length - head);
    System.arraycopy(ring, head, bigger, 0, first);
    System.arraycopy(ring, 0, bigger, first, size - first);
    return bigger;
  }

  /** Removes every entry at or before {@code durable}; returns the highest sequence, or -1. */
  long drainUpTo(long durable) {
    long seq = -1;
    while (size > 0 && positions[head] <= durable) {
      seq = Math.max(seq, sequences[head]);
      head = (head + 1) % positions.length;
      size--;
    }
    return seq;
  }

  int size() {
    return size;
  }
}
