package io.clusterwatch.hub.remotewrite;

import java.lang.System.Logger.Level;

/**
 * Where a {@link WalRemoteWriteSource} starts reading the log: after its saved position, or at the
 * log's end when it has none or the log was replaced, with a log line saying which and why.
 */
final class ReadStart {
  private static final System.Logger LOG = System.getLogger(WalRemoteWriteSource.class.getName());

  private ReadStart() {}

  /**
   * The acknowledged position to start from (all log positions, in bytes).
   *
   * @param saved the saved position, Long.MAX_VALUE when there is none
   * @param end the log's durable end
   * @param oldest the position the oldest segment on disk starts at
   */
  static long choose(String name, long saved, long end, long oldest) {
    if (saved == Long.MAX_VALUE) {
      LOG.log(
          Level.INFO,
          "remote write " + name + ": no saved position, starting at the end of the log");
      return end;
    }
    if (saved > end) {
      LOG.log(
          Level.WARNING,
          "remote write "
              + name
              + ": saved position "
              + saved
              + " is past the end of the log ("
              + end
              + "), the log was replaced; starting at its end");
      return end;
    }
    if (oldest > saved) {
      LOG.log(
          Level.WARNING,
          "remote write "
              + name
              + ": the log from position "
              + saved
              + " to "
              + oldest
              + " is gone (deleted while this endpoint was not configured); those samples"
              + " are not sent");
    }
    return saved;
  }
}
