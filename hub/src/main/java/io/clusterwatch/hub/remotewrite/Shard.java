package io.clusterwatch.hub.remotewrite;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One of an endpoint's concurrent request lanes. Every series always lands in the same shard and a
 * shard has one request in flight at a time (retried until it succeeds or is refused for good), so
 * the samples of a series reach the endpoint in order.
 */
final class Shard {
  private final ArrayDeque<QueuedSample> queue = new ArrayDeque<>();
  private boolean inFlight;

  void add(QueuedSample s) {
    queue.addLast(s);
  }

  int size() {
    return queue.size();
  }

  boolean inFlight() {
    return inFlight;
  }

  /** The oldest {@code max} samples, now in flight (they stay queued until {@link #done}). */
  List<QueuedSample> take(int max) {
    inFlight = true;
    List<QueuedSample> out = new ArrayList<>(Math.min(max, queue.size()));
    for (QueuedSample s : queue) {
      if (out.size() == max) {
        break;
      }
      out.add(s);
    }
    return out;
  }

  /** The request in flight is over (sent, or refused for good): its samples leave the queue. */
  void done(int samples) {
    for (int i = 0; i < samples; i++) {
      queue.removeFirst();
    }
    inFlight = false;
  }

  /** Source position of the oldest sample not yet delivered, or Long.MAX_VALUE when empty. */
  long oldestPosition() {
    QueuedSample s = queue.peekFirst();
    return s == null ? Long.MAX_VALUE : s.position();
  }
}
