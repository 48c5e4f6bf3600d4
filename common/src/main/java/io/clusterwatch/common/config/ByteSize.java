package io.clusterwatch.common.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A number of bytes as written in configuration and flags: a plain count ({@code 65536}) or a whole
 * number with a binary unit ({@code 512KiB}, {@code 32MiB}, {@code 1GiB}, {@code 2TiB}). Decimal
 * units (MB, GB) are refused with a pointer to the binary ones, so that nobody has to guess which
 * of the two was meant.
 */
public record ByteSize(long bytes) implements Comparable<ByteSize> {
  /** What the error messages show as accepted. */
  public static final String SYNTAX =
      "bytes, or a whole number with KiB, MiB, GiB or TiB: 512KiB, 32MiB";

  private static final Pattern FORM = Pattern.compile("(\\d{1,15})\\s*(B|KiB|MiB|GiB|TiB)?");
  private static final Pattern DECIMAL_UNIT = Pattern.compile("\\d+\\s*(kB|KB|MB|GB|TB|k|K|M|G|T)");

  public ByteSize {
    if (bytes < 0) {
      throw new IllegalArgumentException("a byte size cannot be negative: " + bytes);
    }
  }

  public static ByteSize ofKiB(long n) {
    return new ByteSize(Math.multiplyExact(n, 1L << 10));
  }

  public static ByteSize ofMiB(long n) {
    return new ByteSize(Math.multiplyExact(n, 1L << 20));
  }

  public static ByteSize ofGiB(long n) {
    return new ByteSize(Math.multiplyExact(n, 1L << 30));
  }

  /**
   * Parses {@code text}; throws {@link IllegalArgumentException} naming the text and the syntax.
   */
  public static ByteSize parse(String text) {
    String t = text == null ? "" : text.trim();
    Matcher m = FORM.matcher(t);
    if (!m.matches()) {
      String hint =
          DECIMAL_UNIT.matcher(t).matches() ? "; sizes use binary units (KiB, MiB, GiB)" : "";
      throw new IllegalArgumentException(
          "'" + text + "' is not a byte size (" + SYNTAX + ")" + hint);
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "B" : m.group(2);
    int shift;
    switch (unit) {
      case "KiB":
        shift = 10;
        break;
      case "MiB":
        shift = 20;
        break;
      case "GiB":
        shift = 30;
        break;
      case "TiB":
        shift = 40;
        break;
      default:
        shift = 0;
    }
    try {
      return new ByteSize(Math.multiplyExact(n, 1L << shift));
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("'" + text + "' is too large a byte size", e);
    }
  }

  /** Narrowed to an int for APIs that take one (buffer sizes); throws when it does not fit. */
  public int toIntExact() {
    return Math.toIntExact(bytes);
  }

  /** The largest exact binary unit: 1048576 bytes is {@code 1MiB}, 1000 bytes {@code 1000}. */
  @Override
  public String toString() {
    String[] units = {"TiB", "GiB", "MiB", "KiB"};
    int[] shifts = {40, 30, 20, 10};
    for (int i = 0; i < units.length; i++) {
      long unit = 1L << shifts[i];
      if (bytes != 0 && bytes % unit == 0) {
        return bytes / unit + units[i];
      }
    }
    return Long.toString(bytes);
  }

  @Override
  public int compareTo(ByteSize o) {
    return Long.compare(bytes, o.bytes);
  }
}
