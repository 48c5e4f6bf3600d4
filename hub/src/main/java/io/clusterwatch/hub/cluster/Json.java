package io.clusterwatch.hub.cluster;

import io.clusterwatch.protocol.Labels;
import io.vertx.core.json.JsonObject;
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

  /** GPU indexes are numbers in JSON when they are numbers on the wire. */
  public static Object intOrString(String s) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return textOrNull(s);
    }
  }

  /** A JSON object of string values, sorted by key. */
  public static JsonObject strings(Map<String, String> map) {
    JsonObject o = new JsonObject();
    new TreeMap<>(map).forEach(o::put);
    return o;
  }

  public static JsonObject labels(Labels labels) {
    JsonObject o = new JsonObject();
    for (int i = 0; i < labels.size(); i++) {
      o.put(labels.name(i), labels.value(i));
    }
    return o;
  }
}
