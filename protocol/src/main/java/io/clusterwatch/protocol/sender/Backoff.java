package io.clusterwatch.protocol.sender;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Reconnect delays: exponential from {@code initial} up to {@code max}, with "equal jitter" (a
 * delay d becomes a random value in [d/2, d]) so that agents cut off together by a hub restart do
 * not all come back in the same millisecond, and a delay is never near zero (no spinning).
 */
public final class Backoff {
  private final long initialMs;
  private final long maxMs;
  private final RandomGenerator random;
  private int attempts;

  public Backoff(Duration initial, Duration max, RandomGenerator random) {
    this.initialMs = Math.max(1, initial.toMillis());
    this.maxMs = Math.max(initialMs, max.toMillis());
    this.random = random;
  }

  /** The delay before the next attempt; each call doubles the base delay up to the maximum. */
  public long nextDelayMs() {
    long base = initialMs;
    for (int i = 0; i < attempts && base < maxMs; i++) {
      base *= 2;
    }
    base = Math.min(base, maxMs);
    attempts++;
    long half = base / 2;
    return half + random.nextLong(base - half + 1);
  }

  /** After a healthy connection the next failure starts from the initial delay again. */
  public void reset() {
    attempts = 0;
  }
}
