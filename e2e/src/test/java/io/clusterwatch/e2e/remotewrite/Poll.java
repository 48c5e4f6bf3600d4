package io.clusterwatch.e2e.remotewrite;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Polls a probe until it answers: the databases and the hub's store give no change events to await.
 */
final class Poll {
  static final Duration INTERVAL = Duration.ofMillis(200);

  private Poll() {}

  /**
   * The first non-null answer of {@code probe} within {@code timeout}; an {@link IOException} or
   * {@link IllegalStateException} (a database not up yet) counts as no answer and is named if time
   * runs out.
   */
  static <T> T until(Duration timeout, String what, Callable<T> probe) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try {
        T v = probe.call();
        if (v != null) {
          return v;
        }
      } catch (IOException | IllegalStateException e) {
        last = e;
      }
      Thread.sleep(INTERVAL.toMillis());
    }
    throw new AssertionError("timed out waiting for " + what + (last != null ? ": " + last : ""));
  }
}
