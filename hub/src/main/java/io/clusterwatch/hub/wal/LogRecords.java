package io.clusterwatch.hub.wal;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The record layout, big-endian:
 *
 * <pre>
 *   u32 length      bytes after this 8-byte prefix: 1 (type) + 2 + host bytes + body bytes
 *   u32 crc32c      CRC-32C of those length bytes
 *   u8  type        {@link RecordType}
 *   u16 host length, host name UTF-8
 *   body            the record's bytes (a data frame, or UTF-8 JSON / hello fields)
 * </pre>
 */
final class LogRecords {
  static final int PREFIX = 8;

  /** A length above this is corruption, not a record (frames are limited far below it). */
  static final int MAX_RECORD = 1 << 30;

  private LogRecords() {}

  static int size(int hostBytes, int bodyBytes) {
    return PREFIX + 1 + 2 + hostBytes + bodyBytes;
  }

  /** Writes one record at {@code out}'s position; it must have room for {@link #size}. */
  static void write(ByteBuffer out, RecordType type, byte[] host, ByteBuffer body) {
    int start = out.position();
    int length = 1 + 2 + host.length + body.remaining();
    out.putInt(length);
    out.putInt(0);
    out.put(type.code);
    out.putShort((short) host.length);
    out.put(host);
    out.put(body.duplicate());
    CRC32C crc = new CRC32C();
    crc.update(out.array(), out.arrayOffset() + start + PREFIX, length);
    out.putInt(start + 4, (int) crc.getValue());
  }
}
