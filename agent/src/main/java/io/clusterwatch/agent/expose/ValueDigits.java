package io.clusterwatch.agent.expose;

/**
 * A sample value as the Prometheus text format's writers in Java print it: {@code +Inf}, {@code
 * -Inf}, else {@link Double#toString}'s digits. Whole numbers below 2^53 (byte counts, packet
 * counts, most counters) are printed here without making a string, in the same form: {@code 123.0}
 * below 10^7, else {@code 1.2345678901E10} (digits without trailing zeros); the tests compare both
 * ways over millions of values.
 */
final class ValueDigits {
  /** Longest text: {@code -2.2250738585072014E-308} is 24 characters. */
  static final int MAX_LENGTH = 32;

  private static final double TWO_TO_53 = 9007199254740992.0;
  private static final long PLAIN_BELOW = 10_000_000L; // Double.toString's switch to E notation

  private ValueDigits() {}

  /**
   * Writes {@code v} into {@code out} from 0 (at least {@link #MAX_LENGTH} long) in ASCII.
   *
   * @return the length written
   */
  static int write(double v, byte[] out) {
    if (v == Double.POSITIVE_INFINITY) {
      return ascii("+Inf", out);
    }
    if (v == Double.NEGATIVE_INFINITY) {
      return ascii("-Inf", out);
    }
    if (v == Math.rint(v)
        && Math.abs(v) < TWO_TO_53
        && Double.doubleToRawLongBits(v) != Double.doubleToRawLongBits(-0.0)) {
      return wholeNumber((long) v, out);
    }
    return ascii(Double.toString(v), out);
  }

  private static int wholeNumber(long value, byte[] out) {
    int at = 0;
    long n = value;
    if (n < 0) {
      out[at++] = '-';
      n = -n;
    }
    if (n < PLAIN_BELOW) {
      at = digits(n, out, at);
      out[at++] = '.';
      out[at++] = '0';
      return at;
    }
    int first = at;
    int count = digits(n, out, at) - first;
    int end = first + count;
    while (out[end - 1] == '0') {
      end--;
    }
    // d.ddd: shift the digits after the first one place right for the point
    System.arraycopy(out, first + 1, out, first + 2, end - first - 1);
    out[first + 1] = '.';
    at = end + 1;
    if (end - first == 1) {
      out[at++] = '0';
    }
    out[at++] = 'E';
    return digits(count - 1, out, at);
  }

  private static int digits(long n, byte[] out, int at) {
    int length = 1;
    for (long t = n; t >= 10; t /= 10) {
      length++;
    }
    long rest = n;
    for (int i = at + length - 1; i >= at; i--) {
      out[i] = (byte) ('0' + rest % 10);
      rest /= 10;
    }
    return at + length;
  }

  private static int ascii(String s, byte[] out) {
    for (int i = 0; i < s.length(); i++) {
      out[i] = (byte) s.charAt(i); // digits, sign, '.', 'E', "NaN", "Inf"
    }
    return s.length();
  }
}
