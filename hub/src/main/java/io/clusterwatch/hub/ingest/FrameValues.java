package io.clusterwatch.hub.ingest;

import io.clusterwatch.protocol.DataFrameCodec;
import java.nio.ByteBuffer;

/**
 * Reads single values and counts of an already validated data frame in place (layout in {@link
 * DataFrameCodec}), so a few positions can be looked at without decoding the frame again.
 */
final class FrameValues {
  private FrameValues() {}

  static boolean isPresent(ByteBuffer frame, int index) {
    int p = frame.position() + DataFrameCodec.HEADER_LENGTH + (index >>> 3);
    return (frame.get(p) & (1 << (index & 7))) != 0;
  }

  static long raw(ByteBuffer frame, int count, int index) {
    int values = frame.position() + DataFrameCodec.HEADER_LENGTH + (count + 7) / 8;
    return frame.getLong(values + 8 * index);
  }

  /** Number of present values: the bits set in the presence bitmap. */
  static int presentCount(ByteBuffer frame, int count) {
    int start = frame.position() + DataFrameCodec.HEADER_LENGTH;
    int bytes = (count + 7) / 8;
    int n = 0;
    for (int i = 0; i < bytes; i++) {
      int bits = frame.get(start + i) & 0xff;
      if (i == bytes - 1 && (count & 7) != 0) {
        bits &= (1 << (count & 7)) - 1; // padding bits past the last value do not count
      }
      n += Integer.bitCount(bits);
    }
    return n;
  }
}
