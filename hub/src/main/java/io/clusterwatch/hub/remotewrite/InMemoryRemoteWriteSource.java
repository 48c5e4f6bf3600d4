package io.clusterwatch.hub.remotewrite;

import java.util.ArrayDeque;
import java.util.List;

/**
 * A {@link RemoteWriteSource} held in memory (for a hub without a data directory), fed with every
 * stored tick at positions 1, 2, 3, ..., bounded by samples: when an entry takes it past {@code
 * capacity} samples waiting, the oldest waiting entries are dropped and counted, so a dead endpoint
 * costs a fixed amount of memory and never slows the feeder. Nothing survives a restart of the hub.
 */
public final class InMemoryRemoteWriteSource implements RemoteWriteSource {
  private final long capacity;
  private final ArrayDeque<TickEntry> waiting = new ArrayDeque<>();

  /** Position of the first waiting entry. */
  private long headPosition = 1;

  private long waitingSamples;
  private long dropped;
  private long acknowledged;
  private volatile Runnable listener = () -> {};

  /**
   * @param capacity most samples kept waiting
   */
  public InMemoryRemoteWriteSource(long capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.capacity = capacity;
  }

  /** Appends one tick; drops the oldest waiting entries when it would exceed the capacity. */
  public void append(TickEntry entry) {
    if (entry.size() == 0) {
      return;
    }
    synchronized (this) {
      waiting.addLast(entry);
      waitingSamples += entry.size();
      while (waitingSamples > capacity && waiting.size() > 1) {
        TickEntry old = waiting.removeFirst();
        headPosition++;
        waitingSamples -= old.size();
        dropped += old.size();
      }
    }
    listener.run();
  }

  @Override
  public synchronized Batch poll(int maxSamples) {
    if (waiting.isEmpty()) {
      return Batch.EMPTY;
    }
    long first = headPosition;
    List<TickEntry> out = Batch.take(waiting, maxSamples);
    int samples = Batch.samples(out);
    headPosition += out.size();
    waitingSamples -= samples;
    long[] positions = new long[out.size()];
    for (int i = 0; i < positions.length; i++) {
      positions[i] = first + i;
    }
    return new Batch(out, positions, samples);
  }

  /** Nothing to delete: read entries are already gone from memory. */
  @Override
  public synchronized void acknowledge(long position) {
    acknowledged = Math.max(acknowledged, position);
  }

  /** The newest acknowledged position. */
  public synchronized long acknowledged() {
    return acknowledged;
  }

  @Override
  public synchronized long pendingSamples() {
    return waitingSamples;
  }

  @Override
  public synchronized long droppedSamples() {
    return dropped;
  }

  @Override
  public String dropCause() {
    return "the endpoint does not keep up and the queue is at its capacity of "
        + capacity
        + " samples";
  }

  @Override
  public void onAvailable(Runnable listener) {
    this.listener = listener;
  }
}
