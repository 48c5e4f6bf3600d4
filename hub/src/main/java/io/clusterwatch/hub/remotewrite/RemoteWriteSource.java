package io.clusterwatch.hub.remotewrite;

import java.util.List;

/**
 * Where one remote-write endpoint reads the hub's stored samples from: an ordered log of {@link
 * TickEntry ticks}, each at a growing position, with a read position that the sender advances by
 * {@link #poll} and an acknowledged position that it sets once everything up to it has been
 * delivered (or refused for good by the endpoint).
 *
 * <p>This is the seam between the store and remote write. {@link InMemoryRemoteWriteSource} is fed
 * as frames are stored and forgets on restart; a source backed by the hub's write-ahead log keeps
 * the acknowledged position on disk per endpoint and starts reading after it, so that an outage of
 * the database (or a restart of the hub) shorter than the log's retention loses nothing ({@link
 * WalRemoteWriteSource}).
 *
 * <p>Implementations are thread-safe: entries arrive from ingest threads while the sender reads on
 * its own event loop. {@link #poll} never blocks.
 */
public interface RemoteWriteSource {
  /**
   * The entries after the read position, oldest first, holding about {@code maxSamples} samples (at
   * least one entry when any is waiting, even a larger one); advances the read position past them.
   * Empty when nothing is waiting.
   */
  Batch poll(int maxSamples);

  /**
   * Everything up to {@code position} is delivered or given up: a durable source may delete it and
   * resumes after it on restart. Positions only grow; an older one is ignored.
   */
  void acknowledge(long position);

  /** Samples waiting after the read position. */
  long pendingSamples();

  /** Samples the source had to discard before they were read, since it was created. */
  long droppedSamples();

  /** Why samples were dropped, for the log line that reports them. */
  String dropCause();

  /** Registers the one callback run (on any thread) whenever new entries arrive. */
  void onAvailable(Runnable listener);

  /** The sender stopped: a durable source saves its acknowledged position. May block. */
  default void close() {}

  /**
   * Consecutive entries, oldest first.
   *
   * @param positions the position of each entry, growing
   * @param samples the number of samples in all entries
   */
  record Batch(List<TickEntry> entries, long[] positions, int samples) {
    public static final Batch EMPTY = new Batch(List.of(), new long[0], 0);

    public boolean isEmpty() {
      return entries.isEmpty();
    }

    public long position(int i) {
      return positions[i];
    }

    public long lastPosition() {
      return positions[positions.length - 1];
    }

    /**
     * Takes from the head of {@code waiting} the entries of the next batch: whole entries up to
     * {@code maxSamples} samples, and always at least one, so that an entry larger than a request
     * still goes out alone.
     */
    static List<TickEntry> take(java.util.Deque<TickEntry> waiting, int maxSamples) {
      List<TickEntry> out = new java.util.ArrayList<>();
      int samples = 0;
      while (!waiting.isEmpty()
          && (out.isEmpty() || samples + waiting.peekFirst().size() <= maxSamples)) {
        TickEntry e = waiting.removeFirst();
        out.add(e);
        samples += e.size();
      }
      return out;
    }

    /** The samples in {@code entries}. */
    static int samples(List<TickEntry> entries) {
      int n = 0;
      for (TickEntry e : entries) {
        n += e.size();
      }
      return n;
    }
  }
}
