package io.clusterwatch.hub.store.chunk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class XorFloatCodecTest {
  private static float[] roundTrip(float[] values) {
    byte[] bytes = XorFloatCodec.encode(values, 0, values.length);
    float[] out = new float[values.length];
    XorFloatCodec.decode(bytes, 0, bytes.length, values.length, out, 0);
    return out;
  }

  private static void assertSameBitsOrNaN(float[] expected, float[] actual) {
    for (int i = 0; i < expected.length; i++) {
      if (Float.isNaN(expected[i])) {
        assertTrue(Float.isNaN(actual[i]), "gap at " + i);
      } else {
        assertEquals(
            Float.floatToIntBits(expected[i]), Float.floatToIntBits(actual[i]), "value at " + i);
      }
    }
  }

  @Test
  void leadingAndTrailingZerosAreIntegersOwnForEveryBitAndManyValues() {
    for (int bit = 0; bit < 32; bit++) {
      int single = 1 << bit;
      int below = single | (single - 1); // the bit and every bit under it
      int above = -single; // the bit and every bit over it
      for (int x : new int[] {single, below, above}) {
        assertEquals(Integer.numberOfLeadingZeros(x), XorFloatCodec.leadingZeros(x), "lz of " + x);
        assertEquals(
            Integer.numberOfTrailingZeros(x), XorFloatCodec.trailingZeros(x), "tz of " + x);
      }
    }
    SplittableRandom r = new SplittableRandom(11);
    for (int i = 0; i < 1_000_000; i++) {
      // every bit length and every lowest set bit, not only values with 32 significant bits
      int x = (r.nextInt() >>> r.nextInt(32)) << r.nextInt(32);
      if (x != 0) {
        assertEquals(Integer.numberOfLeadingZeros(x), XorFloatCodec.leadingZeros(x), "lz of " + x);
        assertEquals(
            Integer.numberOfTrailingZeros(x), XorFloatCodec.trailingZeros(x), "tz of " + x);
      }
    }
  }

  @Test
  void valuesWithGapsRoundTripBitForBit() {
    SplittableRandom r = new SplittableRandom(7);
    float[] v = new float[3600];
    for (int i = 0; i < v.length; i++) {
      v[i] =
          i % 97 < 5 || (i >= 1000 && i < 1300)
              ? Float.NaN
              : (float) (250 + 40 * Math.sin(i / 30.0) + r.nextDouble());
    }
    v[17] = -0.0f;
    v[18] = Float.MAX_VALUE;
    v[19] = Float.MIN_VALUE;
    v[20] = Float.NEGATIVE_INFINITY;
    assertSameBitsOrNaN(v, roundTrip(v));
  }

  @Test
  void aConstantChunkAndAChunkOfGapsFoldToOneValue() {
    float[] flat = new float[3600];
    Arrays.fill(flat, 0.5f);
    assertEquals(5, XorFloatCodec.encode(flat, 0, flat.length).length);
    assertArrayEquals(flat, roundTrip(flat));
    float[] gaps = new float[3600];
    Arrays.fill(gaps, Float.NaN);
    assertEquals(5, XorFloatCodec.encode(gaps, 0, gaps.length).length);
    assertSameBitsOrNaN(gaps, roundTrip(gaps));
  }

  @Test
  void aRunOfRepeatsCostsOneBitPerSlot() {
    float[] v = new float[801];
    Arrays.fill(v, 1.25f);
    v[0] = 3f;
    // 5 header bytes, one new value (2 + 10 + meaningful bits), then 799 '0' bits
    assertTrue(XorFloatCodec.encode(v, 0, v.length).length <= 5 + 6 + 100);
  }

  @Test
  void truncatedBytesAreACorruptChunkNotAnIndexError() {
    float[] v = {1f, 2f, 3f, 4f};
    byte[] bytes = XorFloatCodec.encode(v, 0, v.length);
    assertThrows(
        CorruptChunkException.class,
        () -> XorFloatCodec.decode(bytes, 0, 5, v.length, new float[4], 0));
  }
}
