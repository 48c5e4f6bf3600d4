package io.clusterwatch.hub.remotewrite;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Waits between retries of one request: doubling from {@code min} to {@code max}, unless the
 * endpoint said how long with {@code Retry-After} (seconds or an HTTP date, RFC 9110 section
 * 10.2.3), which is honoured as given, as Prometheus does: the endpoint knows best when it can take
 * samples again.
 */
final class Backoff {
  private final long minMs;
  private final long maxMs;
  private long nextMs;

  Backoff(Duration min, Duration max) {
    this.minMs = min.toMillis();
    this.maxMs = max.toMillis();
    this.nextMs = minMs;
  }

  /** The wait before the next try, given the response's Retry-After header (null when none). */
  long nextDelayMs(String retryAfter, long nowMs) {
    long told = retryAfterMs(retryAfter, nowMs);
    long delay = told >= 0 ? told : nextMs;
    nextMs = Math.min(maxMs, nextMs * 2);
    return Math.max(1, delay);
  }

  void reset() {
    nextMs = minMs;
  }

  /** Milliseconds named by a Retry-After value, or -1 when absent or unreadable. */
  static long retryAfterMs(String value, long nowMs) {
    if (value == null || value.isBlank()) {
      return -1;
    }
    String v = value.trim();
    if (v.chars().allMatch(Character::isDigit)) {
      try {
        return Math.multiplyExact(Long.parseLong(v), 1000L);
      } catch (ArithmeticException | NumberFormatException e) {
        return -1;
      }
    }
    try {
      long at =
          ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
      return Math.max(0, at - nowMs);
    } catch (DateTimeParseException e) {
      return -1;
    }
  }
}
