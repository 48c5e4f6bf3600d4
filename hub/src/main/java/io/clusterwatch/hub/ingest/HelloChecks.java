package io.clusterwatch.hub.ingest;

import io.clusterwatch.protocol.message.Hello;
import java.util.regex.Pattern;

/** Field checks of a hello beyond what the codec checks; each problem is named. */
final class HelloChecks {
  /** RFC 1123 host names, plus underscores that some sites use. */
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,252}");

  private static final long MAX_INTERVAL_MS = 3_600_000;

  private HelloChecks() {}

  /** What is wrong with {@code hello}, or null. */
  static String problem(Hello hello) {
    if (!HOST.matcher(hello.host()).matches()) {
      return "host must be a host name (letters, digits, '.', '-', '_'; at most 253), got '"
          + abbreviate(hello.host())
          + "'";
    }
    if (hello.agentId().isEmpty() || hello.agentId().length() > 128) {
      return "agent_id must be 1 to 128 characters";
    }
    if (hello.intervalMs() < 1 || hello.intervalMs() > MAX_INTERVAL_MS) {
      return "interval_ms must be between 1 and " + MAX_INTERVAL_MS + ", got " + hello.intervalMs();
    }
    if (hello.lastAckedSeq() < 0) {
      return "last_acked_seq must not be negative";
    }
    return null;
  }

  private static String abbreviate(String s) {
    return s.length() > 64 ? s.substring(0, 64) + "..." : s;
  }
}
