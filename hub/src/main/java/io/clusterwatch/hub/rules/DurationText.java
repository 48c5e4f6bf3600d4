package io.clusterwatch.hub.rules;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as written in hub.yaml: {@code 500ms}, {@code 10s}, {@code 5m}, {@code 2h}, {@code 1d}. */
public final class DurationText {
  private static final Pattern FORM = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  private DurationText() {}

  /**
   * @param key the config key, for the error message
   * @throws IllegalArgumentException naming the key and the value
   */
  public static Duration parse(String key, Object value) {
    Matcher m = FORM.matcher(String.valueOf(value).trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          key + ": '" + value + "' is not a duration like 500ms, 10s, 5m, 2h or 1d");
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

  /** The shortest exact text for a duration, the inverse of {@link #parse}. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms % 86_400_000 == 0 && ms > 0) {
      return ms / 86_400_000 + "d";
    }
    if (ms % 3_600_000 == 0 && ms > 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms % 60_000 == 0 && ms > 0) {
      return ms / 60_000 + "m";
    }
    if (ms % 1000 == 0) {
      return ms / 1000 + "s";
    }
    return ms + "ms";
  }
}
