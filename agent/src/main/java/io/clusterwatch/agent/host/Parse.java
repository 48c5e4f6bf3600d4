package io.clusterwatch.agent.host;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Number parsing for kernel text. Every failure is a {@link HostFileFormatException} that names the
 * file, the line (1-based, when the caller has one) and the text that did not parse, so a bad file
 * fails its own collector with a clear message and nothing else.
 */
public final class Parse {
  /** Passed as {@code line} when the value does not come from a numbered line. */
  public static final int NO_LINE = 0;

  /** What {@link #decimal} accepts; compiled once ({@code String.matches} compiles per call). */
  private static final Pattern DECIMAL = Pattern.compile("[0-9]+(\\.[0-9]+)?");

  private Parse() {}

  /**
   * A decimal unsigned 64-bit value ({@code 0} to {@code 18446744073709551615}), as the kernel
   * prints {@code u64} and {@code unsigned long} counters. Returned as the raw 64 bits: values
   * above {@link Long#MAX_VALUE} come back negative, read them with {@link
   * Long#toUnsignedString(long)}.
   */
  public static long unsignedLong(String token, String file, int line)
      throws HostFileFormatException {
    if (token == null || token.isEmpty()) {
      throw new HostFileFormatException(
          where(file, line) + ": expected an unsigned integer, got nothing");
    }
    try {
      if (token.charAt(0) == '+') {
        throw new NumberFormatException("sign");
      }
      return Long.parseUnsignedLong(token);
    } catch (NumberFormatException e) {
      throw new HostFileFormatException(
          where(file, line)
              + ": expected an unsigned 64-bit integer, got '"
              + abbreviate(token)
              + "'",
          e);
    }
  }

  /** {@link #unsignedLong(String, String, int)} for a one-value file such as a sysfs attribute. */
  public static long unsignedLong(String token, String file) throws HostFileFormatException {
    return unsignedLong(token, file, NO_LINE);
  }

  /** A decimal number that may have a fraction, such as the {@code 2.5} of an IB {@code rate}. */
  public static double decimal(String token, String file, int line) throws HostFileFormatException {
    if (token == null || !DECIMAL.matcher(token).matches()) {
      throw new HostFileFormatException(
          where(file, line) + ": expected a decimal number, got '" + abbreviate(token) + "'");
    }
    return Double.parseDouble(token);
  }

  /** The value of an unsigned 64-bit raw value as a double (exact up to 2^53). */
  public static double unsignedToDouble(long raw) {
    if (raw >= 0) {
      return raw;
    }
    return (double) (raw >>> 1) * 2.0 + (raw & 1L);
  }

  /**
   * The fields of a line separated by runs of spaces or tabs, without empty leading fields. Written
   * out by hand because {@code String.split("\\s+")} compiles a regex on every call, and the agent
   * splits every line of diskstats, net/dev and stat once per tick.
   */
  public static String[] fields(String line) {
    List<String> out = new ArrayList<>();
    int n = line.length();
    int i = 0;
    while (i < n) {
      while (i < n && isBlank(line.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !isBlank(line.charAt(i))) {
        i++;
      }
      if (i > start) {
        out.add(line.substring(start, i));
      }
    }
    return out.toArray(new String[0]);
  }

  /**
   * How many fields {@link #fields} would return, counted without making them: a parser can skip a
   * line it does not want without one string per field.
   */
  public static int fieldCount(String line) {
    int count = 0;
    boolean inField = false;
    for (int i = 0; i < line.length(); i++) {
      boolean blank = isBlank(line.charAt(i));
      if (!blank && !inField) {
        count++;
      }
      inField = !blank;
    }
    return count;
  }

  /** {@code fields(line)[index]}, made alone; null when the line has no such field. */
  public static String field(String line, int index) {
    int n = line.length();
    int i = 0;
    for (int f = 0; i < n; f++) {
      while (i < n && isBlank(line.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !isBlank(line.charAt(i))) {
        i++;
      }
      if (i == start) {
        return null;
      }
      if (f == index) {
        return line.substring(start, i);
      }
    }
    return null;
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
  }

  /** {@code file:line} or just {@code file}, for messages. */
  public static String where(String file, int line) {
    return line > NO_LINE ? file + ":" + line : file;
  }

  private static String abbreviate(String s) {
    if (s == null) {
      return "null";
    }
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }
}
