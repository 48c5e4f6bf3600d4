package io.clusterwatch.hub.store.chunk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CounterCodecTest {
  @Test
  void readingsRoundTripExactlyAcrossResetsGapsAndTwoToTheSixtyFour() {
    long[] v = {
      0, 1_000, 2_000, 3_000, 17, 18, -2L /* 2^64 - 2, unsigned */, -1L, 5, 5, 5, Long.MIN_VALUE
    };
    boolean[] present = {true, true, false, true, true, true, true, true, true, false, true, true};
    byte[] bytes = CounterCodec.encode(v, present, v.length);
    long[] out = new long[v.length];
    boolean[] outPresent = new boolean[v.length];
    CounterCodec.decode(bytes, 0, bytes.length, v.length, out, outPresent);
    assertArrayEquals(present, outPresent);
    for (int i = 0; i < v.length; i++) {
      if (present[i]) {
        assertTrue(v[i] == out[i], "reading " + i + ": " + Long.toUnsignedString(out[i]));
      }
    }
  }

  @Test
  void aSteadyRateCostsAboutOneBitPerReading() {
    long[] v = new long[3600];
    for (int i = 0; i < v.length; i++) {
      v[i] = 1_000_000_000L + 12_500_000L * i; // 12.5 MB/s, every second
    }
    byte[] bytes = CounterCodec.encode(v, null, v.length);
    // flag, first reading, the first delta (a 32-bit bucket), then one bit per further reading
    assertTrue(bytes.length <= 1 + 8 + 5 + 3600 / 8, "bytes: " + bytes.length);
    long[] out = new long[v.length];
    CounterCodec.decode(bytes, 0, bytes.length, v.length, out, new boolean[v.length]);
    assertArrayEquals(v, out);
  }
}
