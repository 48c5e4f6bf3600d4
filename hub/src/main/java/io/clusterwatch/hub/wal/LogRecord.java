package io.clusterwatch.hub.wal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One record read back from the log; {@code body} is a read-only view valid during the callback.
 *
 * @param position the log position just after this record
 */
public record LogRecord(RecordType type, String host, ByteBuffer body, long position) {
  /** The body as UTF-8 text. */
  public String text() {
    ByteBuffer b = body.duplicate();
    byte[] bytes = new byte[b.remaining()];
    b.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
