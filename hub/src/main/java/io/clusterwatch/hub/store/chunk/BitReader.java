package io.clusterwatch.hub.store.chunk;

/**
 * Reads bits written by {@link BitWriter}, up to a byte at a step; reading past the end is a {@link
 * CorruptChunkException}.
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

  /** The next {@code count} bits (0 to 64), the first read the highest. */
  long read(int count) {
    if (bit + count > limit) {
      throw new CorruptChunkException("a chunk's bits end early");
    }
    long v = 0;
    int remaining = count;
    while (remaining > 0) {
      int used = (int) (bit & 7);
      int available = 8 - used;
      int take = Math.min(available, remaining);
      int b = bytes[offset + (int) (bit >>> 3)] & (0xff >>> used);
      v = (v << take) | (b >>> (available - take));
      bit += take;
      remaining -= take;
    }
    return v;
  }
}
