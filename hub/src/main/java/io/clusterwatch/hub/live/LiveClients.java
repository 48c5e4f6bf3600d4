package io.clusterwatch.hub.live;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The hub-wide count of open /live connections against {@code live.max_clients}. One instance is
 * shared by every HTTP verticle, so the limit holds for the hub whatever {@code server.instances}
 * is; verticles run on different event loops, hence the atomic.
 */
public final class LiveClients {
  private final int max;
  private final AtomicInteger open = new AtomicInteger();

  public LiveClients(int max) {
    this.max = max;
  }

  /** Takes a place for one more client; false when all {@code max} are taken. */
  public boolean tryOpen() {
    int n;
    do {
      n = open.get();
      if (n >= max) {
        return false;
      }
    } while (!open.compareAndSet(n, n + 1));
    return true;
  }

  /** Gives back the place of a client that closed or never finished its upgrade. */
  public void closed() {
    open.decrementAndGet();
  }

  public int open() {
    return open.get();
  }
}
