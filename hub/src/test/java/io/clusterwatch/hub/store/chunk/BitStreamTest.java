package io.clusterwatch.hub.store.chunk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The byte-at-a-time {@link BitWriter} and {@link BitReader} against the bit-at-a-time definition
 * of the layout (most significant bit first, zero padding): the chunk files written before must
 * read the same, and the bytes written now must be the ones the definition gives.
 */
class BitStreamTest {
  /** The layout, one bit at a time: what the chunk format was defined and first written with. */
  private static final class OneBitAtATime {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int current;
    private int bits;

    void write(long value, int count) {
      for (int i = count - 1; i >= 0; i--) {
        current = (current << 1) | (int) ((value >>> i) & 1);
        if (++bits == 8) {
          out.write(current);
          current = 0;
          bits = 0;
        }
      }
    }

    byte[] bytes() {
      ByteArrayOutputStream copy = new ByteArrayOutputStream();
      copy.writeBytes(out.toByteArray());
      if (bits > 0) {
        copy.write(current << (8 - bits));
      }
      return copy.toByteArray();
    }
  }

  @Test
  void writesTheBytesOfTheOneBitDefinitionAndReadsThemBack() {
    SplittableRandom r = new SplittableRandom(12);
    for (int run = 0; run < 300; run++) {
      int writes = r.nextInt(0, 400);
      long[] values = new long[writes];
      int[] counts = new int[writes];
      BitWriter fast = new BitWriter(r.nextInt(1, 80));
      OneBitAtATime slow = new OneBitAtATime();
      for (int i = 0; i < writes; i++) {
        counts[i] = r.nextInt(0, 65);
        values[i] = r.nextLong(); // high bits beyond the count must be ignored
        if (counts[i] == 1 && r.nextBoolean()) {
          fast.writeBit((values[i] & 1) != 0);
        } else {
          fast.write(values[i], counts[i]);
        }
        slow.write(values[i], counts[i]);
      }
      byte[] bytes = fast.toByteArray();
      assertArrayEquals(slow.bytes(), bytes, "run " + run);

      byte[] padded = new byte[bytes.length + 6];
      System.arraycopy(bytes, 0, padded, 3, bytes.length);
      BitReader in = new BitReader(padded, 3, bytes.length);
      for (int i = 0; i < writes; i++) {
        long expected = counts[i] == 64 ? values[i] : values[i] & ((1L << counts[i]) - 1);
        long actual =
            counts[i] == 1 && r.nextBoolean() ? (in.readBit() ? 1 : 0) : in.read(counts[i]);
        assertEquals(expected, actual, "run " + run + ", write " + i);
      }
    }
  }

  @Test
  void readingPastTheEndIsCorruption() {
    BitWriter w = new BitWriter();
    w.write(0b101, 3);
    byte[] bytes = w.toByteArray();
    BitReader in = new BitReader(bytes, 0, bytes.length);
    assertEquals(0b10100, in.read(5));
    assertThrows(CorruptChunkException.class, () -> in.read(4));
    in.read(3);
    assertThrows(CorruptChunkException.class, in::readBit);
  }
}
