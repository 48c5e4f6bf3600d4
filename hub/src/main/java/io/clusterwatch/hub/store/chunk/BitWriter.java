package io.clusterwatch.hub.store.chunk;

import java.util.Arrays;

/**
 * Appends bits, most significant first, into a growable byte array. Bits gather in a 64-bit
 * accumulator and leave it a whole byte at a time, so a write of n bits costs a shift and at most
 * n/8 + 1 byte stores rather than n single-bit steps.
 */
final class BitWriter {
  private byte[] bytes;
  private int length;

  /** The pending bits, right-aligned: fewer than 8 between calls. */
  private long pending;

  private int pendingBits;

  BitWriter() {
    this(64);
  }

  /** A writer whose buffer starts at {@code capacity} bytes (it grows as needed). */
  BitWriter(int capacity) {
    bytes = new byte[Math.max(8, capacity)];
  }

  /** Writes the low {@code count} bits of {@code value} (0 to 64), the highest of them first. */
  void write(long value, int count) {
    if (count > 32) {
      writeUpTo32(value >>> 32, count - 32);
      writeUpTo32(value, 32);
    } else {
      writeUpTo32(value, count);
    }
  }

  void writeBit(boolean bit) {
    writeUpTo32(bit ? 1 : 0, 1);
  }

  private void writeUpTo32(long value, int count) {
    // pendingBits < 8 and count <= 32: the accumulator never holds more than 39 bits
    pending = (pending << count) | (value & ((1L << count) - 1));
    pendingBits += count;
    if (pendingBits >= 8) {
      if (length + 5 > bytes.length) {
        bytes = Arrays.copyOf(bytes, bytes.length * 2);
      }
      while (pendingBits >= 8) {
        pendingBits -= 8;
        bytes[length++] = (byte) (pending >>> pendingBits);
      }
      pending &= (1L << pendingBits) - 1;
    }
  }

  /** The bits written, padded with zeros to whole bytes. */
  byte[] toByteArray() {
    byte[] out = Arrays.copyOf(bytes, length + (pendingBits > 0 ? 1 : 0));
    if (pendingBits > 0) {
      out[length] = (byte) (pending << (8 - pendingBits));
    }
    return out;
  }
}
