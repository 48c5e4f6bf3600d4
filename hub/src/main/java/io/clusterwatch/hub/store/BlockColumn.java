package io.clusterwatch.hub.store;

import io.clusterwatch.hub.store.chunk.XorFloatCodec;
import java.util.Arrays;

/**
 * One series' values in the open block of one tier: sub-chunks of {@code subSlots} slots,
 * {@code width} fields per slot (1 raw value; min, avg and max of a rollup). Values only go
 * forward in time, so once a write lands in a later sub-chunk the previous one can never change: it
 * is then XOR-compressed ({@link XorFloatCodec}, one stream per field) and only the sub-chunk being
 * written stays a float array. A sub-chunk never written reads as gaps. Guarded by the host's lock.
 */
final class BlockColumn {
  private static final byte[][] NONE = new byte[0][];

  private final int width;
  private final int subSlots;
  private final int blockSlots;
  private byte[][] encoded = NONE;
  private float[] head;
  private int headSub = -1;

  BlockColumn(int width, int subSlots, int blockSlots) {
    this.width = width;
    this.subSlots = subSlots;
    this.blockSlots = blockSlots;
  }

  int subChunks() {
    return (blockSlots + subSlots - 1) / subSlots;
  }

  private int slotsIn(int sub) {
    return Math.min(subSlots, blockSlots - sub * subSlots);
  }

  /** Sets field {@code field} of slot {@code slot} (0-based in the block). */
  void set(int slot, int field, float value) {
    int sub = slot / subSlots;
    if (sub != headSub) {
      if (Float.isNaN(value) && sub > headSub) {
        return; // a gap in a sub-chunk never written reads as a gap anyway
      }
      closeHead();
      if (head == null) {
        head = new float[subSlots * width];
      }
      Arrays.fill(head, Float.NaN);
      headSub = sub;
    }
    head[(slot - sub * subSlots) * width + field] = value;
  }

  private void closeHead() {
    if (headSub < 0) {
      return;
    }
    if (encoded.length == 0) {
      encoded = new byte[subChunks() * width][];
    }
    int n = slotsIn(headSub);
    float[] field = new float[n];
    for (int f = 0; f < width; f++) {
      for (int i = 0; i < n; i++) {
        field[i] = head[i * width + f];
      }
      encoded[headSub * width + f] = XorFloatCodec.encode(field, 0, n);
    }
    headSub = -1;
  }

  /** Whether any value was written since the block opened. */
  boolean isEmpty() {
    return headSub < 0 && encoded.length == 0;
  }

  /**
   * The block's slots ({@code width} floats per slot, NaN where nothing was written), decoded at
   * least over {@code fromSlot..toSlot}, or null when nothing was written.
   */
  float[] values(int fromSlot, int toSlot) {
    if (isEmpty()) {
      return null;
    }
    float[] out = new float[blockSlots * width];
    Arrays.fill(out, Float.NaN);
    if (encoded.length > 0) {
      SealedChunks.decodeInto(encoded, width, subSlots, blockSlots, fromSlot / subSlots, toSlot / subSlots, out);
    }
    if (headSub >= 0) {
      int n = slotsIn(headSub);
      System.arraycopy(head, 0, out, headSub * subSlots * width, n * width);
    }
    return out;
  }

  /**
   * Compresses what is left and returns the block's values in their sealed form ({@link
   * SealedChunks}), or null when nothing was written; the column is then empty for the next block.
   */
  byte[] seal() {
    closeHead();
    byte[] sealed = encoded.length == 0 ? null : SealedChunks.serialize(encoded, width);
    encoded = NONE;
    return sealed;
  }

  /** Heap held: this object, the sub-chunk table, the compressed sub-chunks and the head. */
  long bytes() {
    long bytes = 40;
    if (encoded.length > 0) {
      bytes += 16 + 8L * encoded.length;
      for (byte[] b : encoded) {
        if (b != null) {
          bytes += align(16 + b.length);
        }
      }
    }
    if (head != null) {
      bytes += align(16 + 4L * head.length);
    }
    return bytes;
  }

  static long align(long bytes) {
    return (bytes + 7) & ~7L;
  }
}
