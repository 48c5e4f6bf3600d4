package io.clusterwatch.hub.cluster;

import io.clusterwatch.protocol.Labels;
import java.util.Map;
import java.util.TreeMap;

/** Small conversions for JSON bodies: NaN and infinities become null, labels an object. */
public final class Json {
  private Json() {}

  public static Double number(double d) {
    return Double.isNaN(d) || Double.isInfinite(d) ? null : d;
  }

  public static String textOrNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  /** A time in ms, or null for 0 (never happened). */
  public static Long msOrNull(long ms) {
    return ms == 0 ? null : ms;
  }

  /** GPU indexes are numbers in JSON when they are numbers on the wire. */
  public static Object intOrString(String s) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return textOrNull(s);
    }
  }

  /** A JSON object of string values, sorted by key. */
  public static Map<String, String> strings(Map<String, String> map) {
    return new TreeMap<>(map);
  }

  /** Labels as a JSON object, in name order. */
  public static Map<String, String> labels(Labels labels) {
    return labels.asMap();
  }
}
