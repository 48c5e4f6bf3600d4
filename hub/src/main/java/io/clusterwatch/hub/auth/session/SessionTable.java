package io.clusterwatch.hub.auth.session;

import io.clusterwatch.hub.auth.Identity;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The logged-in sessions, in memory: a restart logs everyone out. A session id is 256 random bits
 * from {@link SecureRandom}; a session unused for the idle timeout ({@code auth.session_timeout})
 * ends. At most {@code maxSessions} are held: past that the least recently used one ends. Shared by
 * every event loop of the hub, so every method is synchronized.
 */
public final class SessionTable {
  /** The default bound: about 200 bytes each, so at most some 20 MB. */
  public static final int DEFAULT_MAX_SESSIONS = 100_000;

  private static final int ID_BYTES = 32;

  private final Clock clock;
  private final long idleMs;
  private final int maxSessions;
  private final SecureRandom random;

  /** Access order: the eldest entry is the one used least recently. */
  private final LinkedHashMap<String, Session> sessions = new LinkedHashMap<>(16, 0.75f, true);

  private static final class Session {
    final Identity identity;
    long lastUsedMs;

    Session(Identity identity, long lastUsedMs) {
      this.identity = identity;
      this.lastUsedMs = lastUsedMs;
    }
  }

  public SessionTable(Clock clock, Duration idleTimeout, int maxSessions, SecureRandom random) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.idleMs = idleTimeout.toMillis();
    if (idleMs <= 0) {
      throw new IllegalArgumentException("session idle timeout must be positive: " + idleTimeout);
    }
    if (maxSessions < 1) {
      throw new IllegalArgumentException("maxSessions must be at least 1: " + maxSessions);
    }
    this.maxSessions = maxSessions;
    this.random = Objects.requireNonNull(random, "random");
  }

  /** Starts a session for {@code who} and returns its new id. */
  public synchronized String start(Identity who) {
    Objects.requireNonNull(who, "who");
    long now = clock.millis();
    dropExpired(now);
    while (sessions.size() >= maxSessions) {
      Iterator<String> eldest = sessions.keySet().iterator();
      eldest.next();
      eldest.remove();
    }
    byte[] bytes = new byte[ID_BYTES];
    random.nextBytes(bytes);
    String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    sessions.put(id, new Session(who, now));
    return id;
  }

  /**
   * The identity of a live session, which counts as a use of it; null for an unknown, ended or
   * expired id (and for null).
   */
  public synchronized Identity find(String id) {
    if (id == null) {
      return null;
    }
    Session s = sessions.get(id);
    if (s == null) {
      return null;
    }
    long now = clock.millis();
    if (now - s.lastUsedMs >= idleMs) {
      sessions.remove(id);
      return null;
    }
    s.lastUsedMs = now;
    return s.identity;
  }

  /** Ends the session, if there is one with this id. */
  public synchronized void end(String id) {
    if (id != null) {
      sessions.remove(id);
    }
  }

  /** Sessions held, expired ones not yet dropped included. */
  public synchronized int size() {
    return sessions.size();
  }

  /** In access order the expired sessions are the eldest: drop from the head while expired. */
  private void dropExpired(long now) {
    Iterator<Map.Entry<String, Session>> it = sessions.entrySet().iterator();
    while (it.hasNext()) {
      if (now - it.next().getValue().lastUsedMs < idleMs) {
        return;
      }
      it.remove();
    }
  }
}
