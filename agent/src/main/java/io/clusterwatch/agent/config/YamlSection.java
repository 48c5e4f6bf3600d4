package io.clusterwatch.agent.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One mapping of the YAML file, read strictly: every getter records the key as known, and
 * {@link #finish} rejects whatever key was not asked for, naming its full path
 * ({@code collectors.disk.exlude}). Type errors name the key and the expected type.
 */
final class YamlSection {
  private final String path;
  private final Map<String, Object> values;
  private final Set<String> known = new LinkedHashSet<>();

  private YamlSection(String path, Map<String, Object> values) {
    this.path = path;
    this.values = values;
  }

  /** The document's top level; an empty document is an empty mapping. */
  static YamlSection root(Object document) {
    if (document == null) {
      return new YamlSection("", Map.of());
    }
    if (!(document instanceof Map)) {
      throw new ConfigException("the configuration must be a YAML mapping of keys to values");
    }
    return new YamlSection("", stringKeys("", (Map<?, ?>) document));
  }

  private static Map<String, Object> stringKeys(String path, Map<?, ?> map) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!(e.getKey() instanceof String)) {
        throw new ConfigException(
            (path.isEmpty() ? "" : path + ": ") + "key " + e.getKey() + " is not a string");
      }
      out.put((String) e.getKey(), e.getValue());
    }
    return out;
  }

  String key(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private Object raw(String key) {
    known.add(key);
    return values.get(key);
  }

  /** A nested mapping; absent or empty ({@code key:} with nothing under it) is an empty one. */
  YamlSection section(String key) {
    Object v = raw(key);
    if (v == null) {
      return new YamlSection(key(key), Map.of());
    }
    if (!(v instanceof Map)) {
      throw new ConfigException(key(key) + ": expected a mapping of keys, got " + describe(v));
    }
    return new YamlSection(key(key), stringKeys(key(key), (Map<?, ?>) v));
  }

  /** A scalar as text (numbers are taken as written); booleans and collections are errors. */
  String string(String key, String fallback) {
    Object v = raw(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof String || v instanceof Number) {
      return v.toString();
    }
    throw new ConfigException(key(key) + ": expected a string, got " + describe(v));
  }

  /** {@code auto}, {@code true} or {@code false} (a YAML boolean or the word auto). */
  String autoOrBool(String key, String fallback) {
    Object v = raw(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Boolean || "auto".equals(v)) {
      return v.toString();
    }
    throw new ConfigException(key(key) + ": expected auto, true or false, got " + describe(v));
  }

  boolean bool(String key, boolean fallback) {
    Object v = raw(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Boolean) {
      return (Boolean) v;
    }
    throw new ConfigException(key(key) + ": expected true or false, got " + describe(v));
  }

  long integer(String key, long fallback, long min, long max) {
    Object v = raw(key);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof Integer || v instanceof Long)) {
      throw new ConfigException(key(key) + ": expected a whole number, got " + describe(v));
    }
    long n = ((Number) v).longValue();
    if (n < min || n > max) {
      throw new ConfigException(
          key(key) + ": expected a number from " + min + " to " + max + ", got " + n);
    }
    return n;
  }

  Duration duration(String key, Duration fallback) {
    Object v = raw(key);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof String)) {
      throw new ConfigException(
          key(key) + ": expected a duration with a unit like 500ms, 1s or 2m, got " + describe(v));
    }
    return ConfigValues.duration(key(key), (String) v);
  }

  /** A byte count: a whole number or a string like {@code 32MiB}. */
  long size(String key, long fallback) {
    Object v = raw(key);
    if (v == null) {
      return fallback;
    }
    long n;
    if (v instanceof Integer || v instanceof Long) {
      n = ((Number) v).longValue();
    } else if (v instanceof String) {
      n = ConfigValues.size(key(key), (String) v);
    } else {
      throw new ConfigException(key(key) + ": expected a size like 32MiB, got " + describe(v));
    }
    if (n < 1) {
      throw new ConfigException(key(key) + ": expected a positive size, got " + n);
    }
    return n;
  }

  Pattern pattern(String key, Pattern fallback) {
    Object v = raw(key);
    if (v == null) {
      return fallback;
    }
    return ConfigValues.pattern(key(key), string(key, ""));
  }

  /** A list of mappings, each read strictly under {@code key[i]}. */
  List<YamlSection> sections(String key) {
    List<YamlSection> out = new ArrayList<>();
    int i = 0;
    for (Object item : list(key)) {
      String itemPath = key(key) + "[" + i + "]";
      if (!(item instanceof Map)) {
        throw new ConfigException(itemPath + ": expected a mapping of keys, got " + describe(item));
      }
      out.add(new YamlSection(itemPath, stringKeys(itemPath, (Map<?, ?>) item)));
      i++;
    }
    return out;
  }

  List<String> strings(String key) {
    List<String> out = new ArrayList<>();
    int i = 0;
    for (Object item : list(key)) {
      if (!(item instanceof String || item instanceof Number)) {
        throw new ConfigException(
            key(key) + "[" + i + "]: expected a string, got " + describe(item));
      }
      out.add(item.toString());
      i++;
    }
    return out;
  }

  /** A mapping of string keys to scalar values, all taken as text. */
  Map<String, String> stringMap(String key) {
    YamlSection s = section(key);
    Map<String, String> out = new LinkedHashMap<>();
    for (String k : s.values.keySet()) {
      out.put(k, s.string(k, ""));
    }
    return out;
  }

  private List<?> list(String key) {
    Object v = raw(key);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List)) {
      throw new ConfigException(key(key) + ": expected a list, got " + describe(v));
    }
    return (List<?>) v;
  }

  /** Rejects the first key nobody asked for. */
  void finish() {
    for (String k : values.keySet()) {
      if (!known.contains(k)) {
        throw new ConfigException(
            "unknown key " + key(k) + " (known here: " + String.join(", ", known) + ")");
      }
    }
  }

  private static String describe(Object v) {
    if (v instanceof Map) {
      return "a mapping";
    }
    if (v instanceof List) {
      return "a list";
    }
    return "'" + v + "'";
  }
}
