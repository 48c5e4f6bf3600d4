package io.clusterwatch.hub.rules;

import java.time.Duration;
import java.util.Locale;

/**
 * Durations in alert and hint texts, the way people say them: "45 s", "2 min 5 s", "25 min", "2 h 5
 * min", "3 d 4 h". At most two units, the smaller one left out when zero; the rest is cut off, not
 * rounded up, so "over the last 25 min" never claims more than the window held. Under 10 s a
 * fraction of a second is kept to one decimal ("0.5 s"), so short sampling intervals stay visible.
 * Configuration keeps its own exact syntax ({@link io.clusterwatch.common.config.Durations}).
 */
public final class SpokenDuration {
  private SpokenDuration() {}

  public static String format(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("a negative duration has no spoken form: " + d);
    }
    long ms = d.toMillis();
    long s = ms / 1000;
    if (s < 10 && ms % 1000 != 0) {
      return String.format(Locale.ROOT, "%.1f s", Math.floor(ms / 100.0) / 10.0)
          .replace(".0 s", " s");
    }
    if (s < 60) {
      return s + " s";
    }
    long min = s / 60;
    if (min < 10) {
      return pair(min, "min", s % 60, "s");
    }
    if (min < 60) {
      return min + " min";
    }
    long h = min / 60;
    if (h < 24) {
      return pair(h, "h", min % 60, "min");
    }
    return pair(h / 24, "d", h % 24, "h");
  }

  private static String pair(long big, String bigUnit, long small, String smallUnit) {
    return small == 0 ? big + " " + bigUnit : big + " " + bigUnit + " " + small + " " + smallUnit;
  }
}
