package io.clusterwatch.hub.ingest;

import io.clusterwatch.protocol.ProtocolException;
import java.nio.charset.StandardCharsets;

/**
 * The bodies of the write-ahead log's text records, UTF-8, fields separated by a newline: a hello
 * is {@code agentId \n lastAckedSeq \n schema JSON}; a job record is {@code hub time ms \n message
 * JSON} (the time the hub gave the message when it carried none). Frames are logged as their wire
 * bytes.
 */
final class LogBodies {
  private LogBodies() {}

  record LoggedHello(String agentId, long lastAckedSeq, String schemaJson) {}

  record LoggedJob(long timeMs, String messageJson) {}

  static byte[] hello(String agentId, long lastAckedSeq, String schemaJson) {
    return (agentId + "\n" + lastAckedSeq + "\n" + schemaJson).getBytes(StandardCharsets.UTF_8);
  }

  static LoggedHello hello(String text) {
    int a = text.indexOf('\n');
    int b = a < 0 ? -1 : text.indexOf('\n', a + 1);
    if (b < 0) {
      throw new ProtocolException("bad_log_record", "a logged hello needs three lines");
    }
    return new LoggedHello(
        text.substring(0, a), number(text.substring(a + 1, b)), text.substring(b + 1));
  }

  static byte[] job(long timeMs, String messageJson) {
    return (timeMs + "\n" + messageJson).getBytes(StandardCharsets.UTF_8);
  }

  static LoggedJob job(String text) {
    int a = text.indexOf('\n');
    if (a < 0) {
      throw new ProtocolException("bad_log_record", "a logged job message needs two lines");
    }
    return new LoggedJob(number(text.substring(0, a)), text.substring(a + 1));
  }

  private static long number(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new ProtocolException("bad_log_record", "a logged number reads '" + s + "'");
    }
  }
}
