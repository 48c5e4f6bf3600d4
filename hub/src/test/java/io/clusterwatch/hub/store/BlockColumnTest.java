package io.clusterwatch.hub.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clusterwatch.hub.store.chunk.XorFloatCodec;
import org.junit.jupiter.api.Test;

class BlockColumnTest {
  private static final float NAN = Float.NaN;

  /**
   * The column's byte array grows with room to spare; the sealed form must hold its sub-chunks and
   * nothing of that room, and read back as written (a sub-chunk never written as gaps).
   */
  @Test
  void aSealedColumnHoldsExactlyItsSubChunksAndReadsBackAsWritten() {
    float[][] subs = {
      {1.5f, 2.5f, 3.5f, 4.5f}, null, {5, 5, 5, 5}, {6, NAN, 7, 8.25f}, null, {9, 10, 11, 12}
    };
    BlockColumn column = new BlockColumn(1, 4, 4 * subs.length);
    int expectedLength = 3;
    float[] expected = SealedChunks.gaps(1, 4 * subs.length);
    for (int s = 0; s < subs.length; s++) {
      expectedLength += 2;
      if (subs[s] != null) {
        column.append(s, subs[s].clone());
        expectedLength += XorFloatCodec.encode(subs[s], 0, 4).length;
        System.arraycopy(subs[s], 0, expected, 4 * s, 4);
      }
    }
    assertArrayEquals(expected, column.values(0, 4 * subs.length - 1), "open block");
    byte[] sealed = column.seal();
    assertEquals(expectedLength, sealed.length, "sealed bytes");
    float[] read = SealedChunks.gaps(1, 4 * subs.length);
    SealedChunks.decode(sealed, 1, 4, 4 * subs.length, 0, subs.length - 1, read);
    assertArrayEquals(expected, read, "sealed block");
  }

  @Test
  void aSubChunkNotAfterTheClosedOnesIsRefused() {
    BlockColumn column = new BlockColumn(1, 4, 16);
    column.append(2, new float[] {1, 2, 3, 4});
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> column.append(1, new float[4]));
    assertEquals("sub-chunk 1 is not after the 3 already closed", e.getMessage());
  }
}
