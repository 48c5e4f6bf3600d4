package io.clusterwatch.hub.remotewrite;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;

/**
 * At most one warning per interval for one endpoint, so that a database refusing every request
 * still leaves a readable log: the first problem is logged at once, later ones within the interval
 * are counted and summed up in the next line, with the newest reason.
 */
final class FaultLog {
  private static final System.Logger LOG = System.getLogger("io.clusterwatch.hub.remotewrite");

  private final String endpoint;
  private final Clock clock;
  private final long intervalMs;
  private long lastLoggedMs = Long.MIN_VALUE;
  private int suppressed;
  private String latest;

  FaultLog(String endpoint, Clock clock, Duration interval) {
    this.endpoint = endpoint;
    this.clock = clock;
    this.intervalMs = interval.toMillis();
  }

  /** Records a problem; logs it unless a line went out less than an interval ago. */
  synchronized void report(String problem) {
    latest = problem;
    long now = clock.millis();
    if (lastLoggedMs != Long.MIN_VALUE && now - lastLoggedMs < intervalMs) {
      suppressed++;
      return;
    }
    write(now);
  }

  /** Logs the problems held back, once the interval since the last line has passed. */
  synchronized void flush() {
    long now = clock.millis();
    if (suppressed > 0 && now - lastLoggedMs >= intervalMs) {
      write(now);
    }
  }

  private void write(long now) {
    String more =
        suppressed > 0 ? " (and " + suppressed + " more problems since the last report)" : "";
    LOG.log(Level.WARNING, "remote write to " + endpoint + ": " + latest + more);
    lastLoggedMs = now;
    suppressed = 0;
  }
}
