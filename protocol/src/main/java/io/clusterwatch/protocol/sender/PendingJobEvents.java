package io.clusterwatch.protocol.sender;

import io.clusterwatch.protocol.message.JobEvent;
import java.util.ArrayDeque;

/**
 * Job events waiting for the hub, oldest first. Bounded: when full, the oldest is dropped and
 * counted, so an agent whose hub is gone for long never grows without limit. Not thread-safe: its
 * owner calls it under its lock.
 */
public final class PendingJobEvents {
  private final int capacity;
  private final ArrayDeque<JobEvent> events = new ArrayDeque<>();
  private long dropped;

  public PendingJobEvents(int capacity) {
    this.capacity = capacity;
  }

  /** Queues {@code event}; true when the oldest had to be dropped to make room. */
  public boolean add(JobEvent event) {
    boolean full = events.size() >= capacity;
    if (full) {
      events.pollFirst();
      dropped++;
    }
    events.addLast(event);
    return full;
  }

  /** The oldest event, or null. */
  public JobEvent first() {
    return events.peekFirst();
  }

  /** Removes {@code event} once sent, unless it was dropped meanwhile. */
  public void sent(JobEvent event) {
    if (events.peekFirst() == event) {
      events.pollFirst();
    }
  }

  public long dropped() {
    return dropped;
  }
}
