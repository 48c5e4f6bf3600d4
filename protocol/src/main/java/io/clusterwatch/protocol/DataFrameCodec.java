package io.clusterwatch.protocol;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Binary data frames of wire protocol v1 (see protocol/README.md for the byte layout). All integers
 * are big-endian.
 *
 * <pre>
 * offset size
 *  0     1   frame type, 0x01 = data
 *  1     1   protocol version, 1
 *  2     2   flags, 0
 *  4     4   schema version (u32)
 *  8     8   sequence number (u64, starts at 1)
 * 16     8   timestamp, ms since the Unix epoch (i64)
 * 24     4   value count N (u32), equal to the series table size
 * 28     ceil(N/8)  presence bitmap: bit (i % 8) of byte (i / 8) set when value i is present
 * ..     8*N values in table order: u64 for counters, IEEE-754 f64 for gauges; 0 when absent
 * </pre>
 */
public final class DataFrameCodec {
  public static final byte FRAME_TYPE_DATA = 0x01;
  public static final int HEADER_LENGTH = 28;

  private DataFrameCodec() {}

  public static int frameLength(int seriesCount) {
    return HEADER_LENGTH + (seriesCount + 7) / 8 + 8 * seriesCount;
  }

  public static byte[] encode(DataFrame frame) {
    int n = frame.size();
    ByteBuffer buf = ByteBuffer.allocate(frameLength(n)).order(ByteOrder.BIG_ENDIAN);
    buf.put(FRAME_TYPE_DATA);
    buf.put((byte) ProtocolVersion.CURRENT);
    buf.putShort((short) 0);
    buf.putInt(frame.schemaVersion());
    buf.putLong(frame.sequence());
    buf.putLong(frame.timestampMs());
    buf.putInt(n);
    int bitmapBytes = (n + 7) / 8;
    for (int b = 0; b < bitmapBytes; b++) {
      int bits = 0;
      for (int j = 0; j < 8; j++) {
        int i = b * 8 + j;
        if (i < n && frame.isPresent(i)) {
          bits |= 1 << j;
        }
      }
      buf.put((byte) bits);
    }
    for (int i = 0; i < n; i++) {
      buf.putLong(frame.isPresent(i) ? frame.rawValue(i) : 0L);
    }
    return buf.array();
  }

  /** The header fields, read without decoding values; validates type, version and length. */
  public record Header(int schemaVersion, long sequence, long timestampMs, int count) {}

  public static Header readHeader(ByteBuffer in) {
    ByteBuffer buf = in.duplicate().order(ByteOrder.BIG_ENDIAN);
    int length = buf.remaining();
    if (length < HEADER_LENGTH) {
      throw new ProtocolException(
          "bad_frame_length", "data frame of " + length + " bytes is shorter than its header");
    }
    int p = buf.position();
    byte type = buf.get(p);
    if (type != FRAME_TYPE_DATA) {
      throw new ProtocolException("bad_frame_type", "unknown binary frame type " + (type & 0xff));
    }
    int version = buf.get(p + 1) & 0xff;
    if (version != ProtocolVersion.CURRENT) {
      throw new ProtocolException(
          "unsupported_version", "data frame has protocol version " + version + ", expected 1");
    }
    int schema = buf.getInt(p + 4);
    long seq = buf.getLong(p + 8);
    long ts = buf.getLong(p + 16);
    long count = Integer.toUnsignedLong(buf.getInt(p + 24));
    if (count > (Integer.MAX_VALUE - HEADER_LENGTH) / 9 || frameLength((int) count) != length) {
      throw new ProtocolException(
          "bad_frame_length",
          "data frame of " + length + " bytes does not match its value count " + count);
    }
    return new Header(schema, seq, ts, (int) count);
  }

  /** Receives decoded values without allocating per value. */
  public interface ValueVisitor {
    void value(int index, long rawBits);

    void absent(int index);

    /**
     * Receives the values of a whole checked frame: in {@code frame} (big-endian), the presence
     * bitmap of {@code count} bits starts at the absolute index {@code bitmapAt} and the {@code
     * count} 8-byte values at {@code valuesAt}. By default each position goes to {@link #value} or
     * {@link #absent} in order; a visitor that can take the values in bulk overrides this.
     */
    default void frame(ByteBuffer frame, int bitmapAt, int valuesAt, int count) {
      for (int i = 0; i < count; i++) {
        if ((frame.get(bitmapAt + (i >>> 3)) & (1 << (i & 7))) != 0) {
          value(i, frame.getLong(valuesAt + 8 * i));
        } else {
          absent(i);
        }
      }
    }
  }

  /**
   * Checks a frame against the table it claims and streams its values to {@code visitor}.
   *
   * @throws ProtocolException when the frame is malformed or does not match {@code table}
   */
  public static Header decode(ByteBuffer in, SeriesTable table, ValueVisitor visitor) {
    Header h = readHeader(in);
    if (h.schemaVersion() != table.schemaVersion()) {
      throw new ProtocolException(
          "bad_schema_version",
          "data frame has schema version "
              + h.schemaVersion()
              + " but the table in force is "
              + table.schemaVersion());
    }
    if (h.count() != table.size()) {
      throw new ProtocolException(
          "bad_frame_length",
          "data frame has " + h.count() + " values but the series table has " + table.size());
    }
    ByteBuffer buf = in.duplicate().order(ByteOrder.BIG_ENDIAN);
    int bitmap = buf.position() + HEADER_LENGTH;
    visitor.frame(buf, bitmap, bitmap + (h.count() + 7) / 8, h.count());
    return h;
  }

  /** Decodes a whole frame into a {@link DataFrame}. */
  public static DataFrame decode(byte[] bytes, SeriesTable table) {
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    Header h = readHeader(buf);
    DataFrame frame = DataFrame.empty(h.schemaVersion(), h.sequence(), h.timestampMs(), h.count());
    decode(
        buf,
        table,
        new ValueVisitor() {
          @Override
          public void value(int index, long rawBits) {
            frame.set(index, rawBits);
          }

          @Override
          public void absent(int index) {}
        });
    return frame;
  }
}
