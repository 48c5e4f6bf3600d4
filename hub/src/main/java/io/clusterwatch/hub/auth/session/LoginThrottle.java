package io.clusterwatch.hub.auth.session;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The brute-force limit of the login: an address that failed {@code auth.login_failures} times
 * within {@code auth.login_window} of its first failure is refused until that window has passed. A
 * successful login resets nothing: else someone with one valid account could log in between guesses
 * at another's password. At most {@code maxAddresses} are tracked; past that the address whose
 * window started first is forgotten (it starts over), so memory stays bounded under a flood of
 * addresses. Shared by every event loop, so every method is synchronized.
 */
public final class LoginThrottle {
  /** The default bound on tracked addresses: some 100 bytes each. */
  public static final int DEFAULT_MAX_ADDRESSES = 100_000;

  private final Clock clock;
  private final int maxFailures;
  private final long windowMs;
  private final int maxAddresses;

  /** Insertion order is window-start order: a new window is removed and put again. */
  private final LinkedHashMap<String, Window> windows = new LinkedHashMap<>();

  private static final class Window {
    final long startMs;
    int failures;

    Window(long startMs) {
      this.startMs = startMs;
    }
  }

  public LoginThrottle(Clock clock, int maxFailures, Duration window, int maxAddresses) {
    this.clock = Objects.requireNonNull(clock, "clock");
    if (maxFailures < 1) {
      throw new IllegalArgumentException("login failures must be at least 1: " + maxFailures);
    }
    if (window.toMillis() <= 0) {
      throw new IllegalArgumentException("login window must be positive: " + window);
    }
    if (maxAddresses < 1) {
      throw new IllegalArgumentException("maxAddresses must be at least 1: " + maxAddresses);
    }
    this.maxFailures = maxFailures;
    this.windowMs = window.toMillis();
    this.maxAddresses = maxAddresses;
  }

  /** How long {@code address} must still wait; zero when it may try now. */
  public synchronized Duration blockedFor(String address) {
    Window w = windows.get(address);
    long now = clock.millis();
    if (w == null || w.failures < maxFailures || now - w.startMs >= windowMs) {
      return Duration.ZERO;
    }
    return Duration.ofMillis(w.startMs + windowMs - now);
  }

  /** Counts a failed login from {@code address}. */
  public synchronized void failed(String address) {
    long now = clock.millis();
    Window w = windows.get(address);
    if (w == null || now - w.startMs >= windowMs) {
      windows.remove(address);
      dropExpired(now);
      while (windows.size() >= maxAddresses) {
        Iterator<String> eldest = windows.keySet().iterator();
        eldest.next();
        eldest.remove();
      }
      w = new Window(now);
      windows.put(address, w);
    }
    w.failures++;
  }

  /** Addresses tracked, expired windows not yet dropped included. */
  public synchronized int size() {
    return windows.size();
  }

  private void dropExpired(long now) {
    Iterator<Map.Entry<String, Window>> it = windows.entrySet().iterator();
    while (it.hasNext()) {
      if (now - it.next().getValue().startMs < windowMs) {
        return;
      }
      it.remove();
    }
  }
}
