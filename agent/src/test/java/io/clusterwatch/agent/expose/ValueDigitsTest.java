package io.clusterwatch.agent.expose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The value digits against {@link Double#toString}, which the Prometheus Java client prints. */
class ValueDigitsTest {
  private final byte[] out = new byte[ValueDigits.MAX_LENGTH];

  private void assertAsTheClientWrites(double v) {
    String expected =
        v == Double.POSITIVE_INFINITY
            ? "+Inf"
            : v == Double.NEGATIVE_INFINITY ? "-Inf" : Double.toString(v);
    int n = ValueDigits.write(v, out);
    assertEquals(expected, new String(out, 0, n, StandardCharsets.US_ASCII), "bits of the value");
  }

  @Test
  void specialValues() {
    for (double v :
        new double[] {
          0.0,
          -0.0,
          Double.NaN,
          Double.POSITIVE_INFINITY,
          Double.NEGATIVE_INFINITY,
          Double.MIN_VALUE,
          -Double.MIN_NORMAL,
          Double.MAX_VALUE,
          -Double.MAX_VALUE,
          -2.2250738585072014E-308,
          9_999_999.0,
          10_000_000.0,
          -10_000_000.0,
          9007199254740991.0,
          9007199254740992.0,
          1.8446744073709552E19,
          0.1 + 0.2,
          10870.69,
          1e-7
        }) {
      assertAsTheClientWrites(v);
    }
  }

  @Test
  void wholeNumbersEverywhereTheirShortcutApplies() {
    for (long i = -100_000; i <= 1_000_000; i++) {
      assertAsTheClientWrites(i);
    }
    for (int p = 0; p < 53; p++) { // k * 2^p: the numbers with trailing zero bits, like byte sizes
      for (long k = 1; k < 2048; k++) {
        double v = k * Math.pow(2, p);
        if (v < 9007199254740992.0) {
          assertAsTheClientWrites(v);
          assertAsTheClientWrites(-v);
        }
      }
    }
    for (int e = 0; e < 16; e++) { // k * 10^e: trailing zero digits
      for (long k = 1; k < 2000; k++) {
        assertAsTheClientWrites(k * Math.pow(10, e));
      }
    }
    SplittableRandom random = new SplittableRandom(53);
    for (int i = 0; i < 300_000; i++) {
      assertAsTheClientWrites((double) random.nextLong(1L << 53));
      assertAsTheClientWrites((double) -random.nextLong(10_000_000L, 1L << 40));
    }
  }

  @Test
  void randomBitsAndDecimals() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 100_000; i++) {
      assertAsTheClientWrites(Double.longBitsToDouble(random.nextLong()));
      assertAsTheClientWrites(random.nextLong(1L << 40) / 100.0);
    }
  }
}
