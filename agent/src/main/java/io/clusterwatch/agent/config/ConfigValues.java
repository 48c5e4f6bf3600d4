package io.clusterwatch.agent.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Parsers for the value forms shared by the YAML file and the flags. Each throws a
 * {@link ConfigException} that names {@code key} and the expected form.
 */
public final class ConfigValues {
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KiB|MiB|GiB|kB|KB|MB|GB)?");

  private ConfigValues() {}

  /** {@code 500ms}, {@code 1s}, {@code 2m}, {@code 1h}; must be positive. */
  public static Duration duration(String key, String text) {
    Matcher m = DURATION.matcher(text.trim());
    if (!m.matches()) {
      throw new ConfigException(
          key + ": expected a duration like 500ms, 1s, 2m or 1h, got '" + text + "'");
    }
    long n;
    try {
      n = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      throw new ConfigException(key + ": duration '" + text + "' is too large");
    }
    Duration d;
    switch (m.group(2)) {
      case "ms":
        d = Duration.ofMillis(n);
        break;
      case "s":
        d = Duration.ofSeconds(n);
        break;
      case "m":
        d = Duration.ofMinutes(n);
        break;
      default:
        d = Duration.ofHours(n);
        break;
    }
    if (d.isZero()) {
      throw new ConfigException(key + ": expected a positive duration, got '" + text + "'");
    }
    return d;
  }

  /** A byte count: a plain number or one with B, KiB, MiB, GiB (powers of 2) or kB, MB, GB. */
  public static long size(String key, String text) {
    Matcher m = SIZE.matcher(text.trim());
    if (!m.matches()) {
      throw new ConfigException(
          key + ": expected a size like 32MiB, 512KiB or 1048576, got '" + text + "'");
    }
    long multiplier;
    String unit = m.group(2) == null ? "B" : m.group(2);
    switch (unit) {
      case "KiB":
        multiplier = 1L << 10;
        break;
      case "MiB":
        multiplier = 1L << 20;
        break;
      case "GiB":
        multiplier = 1L << 30;
        break;
      case "kB":
      case "KB":
        multiplier = 1_000L;
        break;
      case "MB":
        multiplier = 1_000_000L;
        break;
      case "GB":
        multiplier = 1_000_000_000L;
        break;
      default:
        multiplier = 1;
        break;
    }
    try {
      return Math.multiplyExact(Long.parseLong(m.group(1)), multiplier);
    } catch (ArithmeticException | NumberFormatException e) {
      throw new ConfigException(key + ": size '" + text + "' is too large");
    }
  }

  /** A full-match Java regular expression; empty means none. */
  public static Pattern pattern(String key, String text) {
    if (text.isEmpty()) {
      return null;
    }
    try {
      return Pattern.compile(text);
    } catch (PatternSyntaxException e) {
      throw new ConfigException(
          key + ": not a valid regular expression: " + e.getDescription() + " in '" + text + "'");
    }
  }

  /** One of the GPU backends. */
  public static String gpuBackend(String key, String text) {
    String b = text.trim().toLowerCase(Locale.ROOT);
    if (b.equals("auto") || b.equals("nvml") || b.equals("nvidia-smi") || b.equals("none")) {
      return b;
    }
    throw new ConfigException(
        key + ": expected one of auto, nvml, nvidia-smi, none, got '" + text + "'");
  }

  /** A TCP port, 0 (any free port) to 65535. */
  public static int port(String key, long value) {
    if (value < 0 || value > 65535) {
      throw new ConfigException(key + ": expected a port from 0 to 65535, got " + value);
    }
    return (int) value;
  }

  /** The hub URL: empty (no streaming) or a ws:// or wss:// URI with a host. */
  public static String hubUrl(String key, String text) {
    if (text.isEmpty()) {
      return text;
    }
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("ws") || scheme.equals("wss")) && uri.getHost() != null) {
        return text;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw new ConfigException(
        key + ": expected a WebSocket URL like ws://hub:8080/ingest, got '" + text + "'");
  }
}
