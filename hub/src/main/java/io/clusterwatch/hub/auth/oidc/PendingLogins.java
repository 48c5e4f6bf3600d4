package io.clusterwatch.hub.auth.oidc;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Logins on their way through the provider, by state. Bounded: past the capacity the oldest is
 * dropped, so that a flood of {@code /auth/login} requests costs memory up to the bound only and
 * delays only the logins it evicts. A pending login expires after its lifetime and can be taken
 * once: a replayed callback finds nothing.
 */
final class PendingLogins {
  private final Clock clock;
  private final long lifetimeMs;
  private final int capacity;
  // insertion order is start order, so expired logins sit at the head
  private final LinkedHashMap<String, PendingLogin> byState = new LinkedHashMap<>();

  PendingLogins(Clock clock, Duration lifetime, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
    }
    this.clock = clock;
    this.lifetimeMs = lifetime.toMillis();
    this.capacity = capacity;
  }

  /** Keeps {@code login} until it is taken or expires. */
  synchronized void put(PendingLogin login) {
    dropExpired();
    if (byState.size() >= capacity) {
      Iterator<String> oldest = byState.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
    byState.put(login.state(), login);
  }

  /**
   * Removes and returns the login started with {@code state}; null when there is none, it expired,
   * or it was taken before.
   */
  synchronized PendingLogin take(String state) {
    PendingLogin login = byState.remove(state);
    if (login == null || expired(login)) {
      return null;
    }
    return login;
  }

  synchronized int size() {
    dropExpired();
    return byState.size();
  }

  private void dropExpired() {
    Iterator<Map.Entry<String, PendingLogin>> it = byState.entrySet().iterator();
    while (it.hasNext() && expired(it.next().getValue())) {
      it.remove();
    }
  }

  private boolean expired(PendingLogin login) {
    return clock.millis() - login.startedMs() >= lifetimeMs;
  }
}
