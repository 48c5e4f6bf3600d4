package io.clusterwatch.common.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration syntax of every configuration file and flag: a whole number and a unit, {@code
 * 250ms}, {@code 30s}, {@code 5m}, {@code 2h} or {@code 7d}. Zero ({@code 0s}) is a valid duration;
 * a key that needs a positive one says so itself. A bare number is refused, since nobody can tell
 * whether {@code 10} meant seconds or milliseconds.
 */
public final class Durations {
  /** What the error messages show as accepted. */
  public static final String SYNTAX = "a whole number and a unit: 250ms, 30s, 5m, 2h or 7d";

  private static final Pattern FORM = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h|d)");

  private Durations() {}

  /**
   * Parses {@code text}; throws {@link IllegalArgumentException} naming the text and the syntax.
   */
  public static Duration parse(String text) {
    Matcher m = FORM.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a duration (" + SYNTAX + ")");
    }
    long n = Long.parseLong(m.group(1));
    switch (m.group(2)) {
      case "ms":
        return Duration.ofMillis(n);
      case "s":
        return Duration.ofSeconds(n);
      case "m":
        return Duration.ofMinutes(n);
      case "h":
        return Duration.ofHours(n);
      default:
        return Duration.ofDays(n);
    }
  }

  /**
   * The shortest exact spelling of {@code d} in {@link #SYNTAX}: 90 s is {@code 90s}, 2 h {@code
   * 2h}.
   */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms % 1000 != 0) {
      return ms + "ms";
    }
    long s = ms / 1000;
    if (s != 0 && s % 86_400 == 0) {
      return s / 86_400 + "d";
    }
    if (s != 0 && s % 3600 == 0) {
      return s / 3600 + "h";
    }
    if (s != 0 && s % 60 == 0) {
      return s / 60 + "m";
    }
    return s + "s";
  }
}
