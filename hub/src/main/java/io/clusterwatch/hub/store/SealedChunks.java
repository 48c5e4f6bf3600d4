package io.clusterwatch.hub.store;

import io.clusterwatch.hub.store.chunk.CorruptChunkException;
import io.clusterwatch.hub.store.chunk.XorFloatCodec;
import java.nio.ByteBuffer;
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

  static byte[] serialize(byte[][] encoded, int width) {
    int size = 3;
    for (byte[] b : encoded) {
      size += 2 + (b == null ? 0 : b.length);
    }
    ByteBuffer out = ByteBuffer.allocate(size);
    out.putShort((short) (encoded.length / width)).put((byte) width);
    for (byte[] b : encoded) {
      if (b == null) {
        out.putShort((short) 0);
      } else {
        out.putShort((short) b.length).put(b);
      }
    }
    return out.array();
  }

  /**
   * Decodes sub-chunks {@code fromSub..toSub} of a sealed column into {@code out} ({@code width}
   * floats per slot, pre-filled with NaN).
   */
  static void decode(byte[] sealed, int width, int subSlots, int blockSlots, int fromSub, int toSub, float[] out) {
    ByteBuffer in = ByteBuffer.wrap(sealed);
    int subs = Short.toUnsignedInt(in.getShort());
    int w = in.get();
    if (w != width || subs != (blockSlots + subSlots - 1) / subSlots) {
      throw new CorruptChunkException("a sealed column of " + subs + " sub-chunks of width " + w
          + " where " + ((blockSlots + subSlots - 1) / subSlots) + " of width " + width + " were expected");
    }
    float[] field = new float[subSlots];
    for (int s = 0; s < subs; s++) {
      int n = Math.min(subSlots, blockSlots - s * subSlots);
      for (int f = 0; f < width; f++) {
        int length = Short.toUnsignedInt(in.getShort());
        if (length == 0) {
          continue;
        }
        if (length > in.remaining()) {
          throw new CorruptChunkException("a sub-chunk of " + length + " bytes where " + in.remaining() + " remain");
        }
        if (s < fromSub || s > toSub) {
          in.position(in.position() + length);
          continue;
        }
        XorFloatCodec.decode(sealed, in.position(), length, n, field, 0);
        in.position(in.position() + length);
        int base = s * subSlots * width + f;
        for (int i = 0; i < n; i++) {
          out[base + i * width] = field[i];
        }
      }
    }
  }

  /** Decodes the compressed sub-chunks of an open block (null: not written) into {@code out}. */
  static void decodeInto(byte[][] encoded, int width, int subSlots, int blockSlots, int fromSub, int toSub,
      float[] out) {
    float[] field = new float[subSlots];
    for (int s = fromSub; s <= toSub && s < encoded.length / width; s++) {
      int n = Math.min(subSlots, blockSlots - s * subSlots);
      for (int f = 0; f < width; f++) {
        byte[] b = encoded[s * width + f];
        if (b == null) {
          continue;
        }
        XorFloatCodec.decode(b, 0, b.length, n, field, 0);
        int base = s * subSlots * width + f;
        for (int i = 0; i < n; i++) {
          out[base + i * width] = field[i];
        }
      }
    }
  }

  /** A block's worth of gaps. */
  static float[] gaps(int width, int blockSlots) {
    float[] out = new float[width * blockSlots];
    Arrays.fill(out, Float.NaN);
    return out;
  }
}
