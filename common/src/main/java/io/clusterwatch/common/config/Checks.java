package io.clusterwatch.common.config;

import java.time.Duration;

/**
 * Range checks for the compact constructors of section records. Each names the key as the record
 * spells it ({@code max_frame}); {@link ConfigReader} adds the section's path.
 */
public final class Checks {
  private Checks() {}

  public static Duration positive(String key, Duration value) {
    if (value.isZero() || value.isNegative()) {
      throw new ConfigException(
          key, "must be longer than 0 (" + Durations.SYNTAX + "), got " + Durations.format(value));
    }
    return value;
  }

  /** A duration with a floor, such as a sampling interval that collectors are sized for. */
  public static Duration atLeast(String key, Duration value, Duration min) {
    if (value.compareTo(min) < 0) {
      throw new ConfigException(
          key, "must be at least " + Durations.format(min) + ", got " + Durations.format(value));
    }
    return value;
  }

  /** A duration with a floor and a ceiling, such as a timeout or a retention. */
  public static Duration between(String key, Duration value, Duration min, Duration max) {
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new ConfigException(
          key,
          "must be between "
              + Durations.format(min)
              + " and "
              + Durations.format(max)
              + ", got "
              + Durations.format(value));
    }
    return value;
  }

  /** A byte size with a floor and a ceiling, such as a message limit. */
  public static ByteSize between(String key, ByteSize value, ByteSize min, ByteSize max) {
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new ConfigException(key, "must be between " + min + " and " + max + ", got " + value);
    }
    return value;
  }

  /** A text value that must be there, such as a URL or an id. */
  public static String nonEmpty(String key, String value) {
    if (value == null || value.isBlank()) {
      throw new ConfigException(key, "is required");
    }
    return value;
  }

  /** One of a few words, compared exactly. */
  public static String oneOf(String key, String value, java.util.List<String> allowed) {
    if (!allowed.contains(value)) {
      throw new ConfigException(
          key, "expected one of " + String.join(", ", allowed) + ", got '" + value + "'");
    }
    return value;
  }

  public static int positive(String key, int value) {
    if (value <= 0) {
      throw new ConfigException(key, "must be a positive number, got " + value);
    }
    return value;
  }

  public static long positive(String key, long value) {
    if (value <= 0) {
      throw new ConfigException(key, "must be a positive number, got " + value);
    }
    return value;
  }

  public static ByteSize positive(String key, ByteSize value) {
    if (value.bytes() <= 0) {
      throw new ConfigException(key, "must be more than 0 bytes (" + ByteSize.SYNTAX + ")");
    }
    return value;
  }

  public static int inRange(String key, int value, int min, int max) {
    if (value < min || value > max) {
      throw new ConfigException(key, "must be between " + min + " and " + max + ", got " + value);
    }
    return value;
  }

  /** A ratio such as a utilisation threshold: 0 to 1 inclusive. */
  public static double ratio(String key, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new ConfigException(key, "must be a ratio from 0 to 1 (0.05 is 5 %), got " + value);
    }
    return value;
  }

  public static double nonNegative(String key, double value) {
    if (!(value >= 0)) {
      throw new ConfigException(key, "must be 0 or more, got " + value);
    }
    return value;
  }
}
