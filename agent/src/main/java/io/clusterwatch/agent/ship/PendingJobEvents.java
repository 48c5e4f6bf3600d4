package io.clusterwatch.agent.ship;

import io.clusterwatch.protocol.message.JobEvent;
import java.util.ArrayDeque;

/**
 * Job events waiting for the hub, oldest first. Bounded: when full, the oldest is dropped and
 * counted, so an agent whose hub is gone for long never grows without limit. Not thread-safe: the
 * shipper calls it under its lock.
 */
final class PendingJobEvents {
  private final int capacity;
  private final ArrayDeque<JobEvent> events = new ArrayDeque<>();
  private long dropped;

  PendingJobEvents(int capacity) {
    this.capacity = capacity;
  }

  /** Queues {@code event}; true when the oldest had to be dropped to make room. */
  boolean add(JobEvent event) {
    boolean full = events.size() >= capacity;
    if (full) {
      events.pollFirst();
      dropped++;
    }
    events.addLast(event);
    return full;
  }

  /** The oldest event, or null. */
  JobEvent first() {
    return events.peekFirst();
  }

  /** Removes {@code event} once sent, unless it was dropped meanwhile. */
  void sent(JobEvent event) {
    if (events.peekFirst() == event) {
      events.pollFirst();
    }
  }

  long dropped() {
    return dropped;
  }
}
