package io.clusterwatch.hub.remotewrite;

import io.clusterwatch.hub.remotewrite.RemoteWriteSource.Batch;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The position bookkeeping of a {@link WalRemoteWriteSource}: the ticks read from the log and not
 * yet polled, each with the log position of its frame, the acknowledged position and the released
 * one (where the log was let go past {@code max_wal_lag}). Its monitor is the one lock shared by
 * the source's reader thread and its sender; every method takes it, and none calls out while
 * holding it.
 */
final class PendingTicks {
  private final ArrayDeque<TickEntry> waiting = new ArrayDeque<>();
  private final ArrayDeque<Long> waitingPositions = new ArrayDeque<>();
  private long waitingSamples;
  private long acknowledged;
  private long released;
  private long dropped;

  /** Sets the acknowledged position the reader starts from (a log position). */
  synchronized void startAt(long position) {
    acknowledged = position;
  }

  /**
   * Whether the reader should stop: {@code capacity} samples wait and the reader, at {@code
   * readerPosition}, is past what was released (what it passes before that is dropped, not queued).
   */
  synchronized boolean full(long capacity, long readerPosition) {
    return waitingSamples >= capacity && readerPosition >= released;
  }

  /**
   * Queues one tick of the frame at log position {@code position}, or counts its samples as dropped
   * when that frame was released.
   *
   * @return whether it was queued
   */
  synchronized boolean offer(TickEntry entry, long position) {
    if (position <= released) {
      dropped += entry.size();
      return false;
    }
    waiting.addLast(entry);
    waitingPositions.addLast(position);
    waitingSamples += entry.size();
    return true;
  }

  /** Takes up to about {@code maxSamples} samples of whole ticks, oldest first. */
  synchronized Batch poll(int maxSamples) {
    if (waiting.isEmpty()) {
      return Batch.EMPTY;
    }
    List<TickEntry> out = Batch.take(waiting, maxSamples);
    int samples = Batch.samples(out);
    long[] positions = new long[out.size()];
    for (int i = 0; i < positions.length; i++) {
      positions[i] = waitingPositions.removeFirst();
    }
    waitingSamples -= samples;
    return new Batch(out, positions, samples);
  }

  synchronized void acknowledge(long position) {
    acknowledged = Math.max(acknowledged, position);
  }

  synchronized long acknowledged() {
    return acknowledged;
  }

  /** Lets the log go up to {@code position}: frames at or before it are dropped as read. */
  synchronized void release(long position) {
    released = position;
  }

  /** The position the log is no longer needed through: the acknowledged or the released one. */
  synchronized long done() {
    return Math.max(acknowledged, released);
  }

  synchronized long pendingSamples() {
    return waitingSamples;
  }

  synchronized long droppedSamples() {
    return dropped;
  }
}
