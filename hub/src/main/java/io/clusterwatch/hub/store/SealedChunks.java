package io.clusterwatch.hub.store;

import io.clusterwatch.hub.store.chunk.CorruptChunkException;
import io.clusterwatch.hub.store.chunk.XorFloatCodec;
import java.util.Arrays;

/**
 * The sealed form of one series' values in one tier and block: its XOR-compressed sub-chunks one
 * after the other. Big-endian:
 *
 * <pre>
 *   u16 sub-chunk count S, u8 width W (1 raw; 3 rollup: min, avg, max)
 *   S x W times, sub-chunk by sub-chunk, field by field:
 *     u16 length L (0: never written, every slot a gap), L bytes of an {@link XorFloatCodec} chunk
 * </pre>
 *
 * A sub-chunk holds {@code subSlots} slots (the block's last one fewer when the block length is not
 * a multiple).
 */
final class SealedChunks {
  private SealedChunks() {}

  /**
   * The sealed form of the entries of the first {@code closed} sub-chunks, the first {@code length}
   * bytes of {@code entries} (the rest of the {@code subs} are gaps).
   */
  static byte[] seal(byte[] entries, int length, int closed, int subs, int width) {
    byte[] out = new byte[3 + length + 2 * width * (subs - closed)];
    out[0] = (byte) (subs >>> 8);
    out[1] = (byte) subs;
    out[2] = (byte) width;
    System.arraycopy(entries, 0, out, 3, length);
    return out;
  }

  /**
   * Decodes sub-chunks {@code fromSub..toSub} of a sealed column into {@code out} ({@code width}
   * floats per slot from the first slot of {@code fromSub}, pre-filled with NaN: a {@link
   * #window}).
   */
  static void decode(
      byte[] sealed, int width, int subSlots, int blockSlots, int fromSub, int toSub, float[] out) {
    if (sealed.length < 3) {
      throw new CorruptChunkException("a sealed column of " + sealed.length + " bytes");
    }
    int subs = ((sealed[0] & 0xff) << 8) | (sealed[1] & 0xff);
    int w = sealed[2];
    if (w != width || subs != (blockSlots + subSlots - 1) / subSlots) {
      throw new CorruptChunkException(
          "a sealed column of "
              + subs
              + " sub-chunks of width "
              + w
              + " where "
              + ((blockSlots + subSlots - 1) / subSlots)
              + " of width "
              + width
              + " were expected");
    }
    decodeEntries(sealed, 3, subs, width, subSlots, blockSlots, fromSub, toSub, out);
  }

  /**
   * Decodes sub-chunks {@code fromSub..toSub} of {@code subs} entries starting at {@code offset}
   * into {@code out}, a {@link #window} of those sub-chunks.
   */
  static void decodeEntries(
      byte[] data,
      int offset,
      int subs,
      int width,
      int subSlots,
      int blockSlots,
      int fromSub,
      int toSub,
      float[] out) {
    // a rollup's fields are interleaved in out, so they are decoded into field first
    float[] field = width == 1 ? null : new float[subSlots];
    int at = offset;
    for (int s = 0; s < subs && s <= toSub; s++) {
      int n = Math.min(subSlots, blockSlots - s * subSlots);
      for (int f = 0; f < width; f++) {
        if (at + 2 > data.length) {
          throw new CorruptChunkException("a sealed column ends inside its sub-chunk table");
        }
        int length = ((data[at] & 0xff) << 8) | (data[at + 1] & 0xff);
        at += 2;
        if (length > data.length - at) {
          throw new CorruptChunkException(
              "a sub-chunk of " + length + " bytes where " + (data.length - at) + " remain");
        }
        if (length > 0 && s >= fromSub) {
          int base = (s - fromSub) * subSlots * width + f;
          if (width == 1) {
            XorFloatCodec.decode(data, at, length, n, out, base);
          } else {
            XorFloatCodec.decode(data, at, length, n, field, 0);
            for (int i = 0; i < n; i++) {
              out[base + i * width] = field[i];
            }
          }
        }
        at += length;
      }
    }
  }

  /** A block's worth of gaps. */
  static float[] gaps(int width, int blockSlots) {
    float[] out = new float[width * blockSlots];
    Arrays.fill(out, Float.NaN);
    return out;
  }

  /**
   * Gaps for the slots of sub-chunks {@code fromSub..toSub} (the last sub-chunk of a block may be
   * shorter): what a read of a few minutes decodes into, rather than a block's worth.
   */
  static float[] window(int width, int subSlots, int blockSlots, int fromSub, int toSub) {
    int end = Math.min(blockSlots, (toSub + 1) * subSlots);
    return gaps(width, end - fromSub * subSlots);
  }
}
