package io.clusterwatch.hub.store.chunk;

import java.util.Arrays;

/** Appends bits, most significant first, into a growable byte array. */
final class BitWriter {
  private byte[] bytes = new byte[64];
  private long bits;

  void write(long value, int count) {
    for (int i = count - 1; i >= 0; i--) {
      writeBit(((value >>> i) & 1) != 0);
    }
  }

  void writeBit(boolean bit) {
    int index = (int) (bits >>> 3);
    if (index == bytes.length) {
      bytes = Arrays.copyOf(bytes, bytes.length * 2);
    }
    if (bit) {
      bytes[index] |= (byte) (0x80 >>> (bits & 7));
    }
    bits++;
  }

  /** The bits written, padded with zeros to whole bytes. */
  byte[] toByteArray() {
    return Arrays.copyOf(bytes, (int) ((bits + 7) >>> 3));
  }
}
