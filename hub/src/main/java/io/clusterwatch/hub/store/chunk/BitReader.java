package io.clusterwatch.hub.store.chunk;

/**
 * Reads bits written by {@link BitWriter}; reading past the end is a {@link CorruptChunkException}.
 */
final class BitReader {
  private final byte[] bytes;
  private final int offset;
  private final long limit;
  private long bit;

  BitReader(byte[] bytes, int offset, int length) {
    this.bytes = bytes;
    this.offset = offset;
    this.limit = 8L * length;
  }

  boolean readBit() {
    if (bit >= limit) {
      throw new CorruptChunkException("a chunk's bits end early");
    }
    int b = bytes[offset + (int) (bit >>> 3)];
    boolean set = (b & (0x80 >>> (bit & 7))) != 0;
    bit++;
    return set;
  }

  long read(int count) {
    long v = 0;
    for (int i = 0; i < count; i++) {
      v = (v << 1) | (readBit() ? 1 : 0);
    }
    return v;
  }
}
