package io.clusterwatch.hub.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One mapping of a YAML document, read strictly: every value is checked for its type, and
 * {@link #finish()} rejects keys nobody asked for. Error messages name the full key path.
 */
final class YamlSection {
  private final String path;
  private final Map<?, ?> map;
  private final Set<String> read = new HashSet<>();

  YamlSection(String path, Object node) {
    this.path = path;
    if (node == null) {
      this.map = Map.of();
    } else if (node instanceof Map<?, ?> m) {
      this.map = m;
    } else {
      throw new ConfigException(describe("") + " must be a mapping");
    }
  }

  private String describe(String key) {
    String full = path.isEmpty() ? key : key.isEmpty() ? path : path + "." + key;
    return full.isEmpty() ? "the document" : "'" + full + "'";
  }

  private Object raw(String key) {
    read.add(key);
    return map.get(key);
  }

  /** The raw YAML value of {@code key} (null when absent), for sections parsed elsewhere. */
  Object value(String key) {
    return raw(key);
  }

  YamlSection section(String key) {
    return new YamlSection(path.isEmpty() ? key : path + "." + key, raw(key));
  }

  String string(String key, String def) {
    Object v = raw(key);
    if (v == null) {
      return def;
    }
    if (!(v instanceof String s)) {
      throw new ConfigException(describe(key) + " must be a string, got " + v);
    }
    return s;
  }

  long longValue(String key, long def, long min, long max) {
    Object v = raw(key);
    if (v == null) {
      return def;
    }
    if (!(v instanceof Integer || v instanceof Long)) {
      throw new ConfigException(describe(key) + " must be an integer, got " + v);
    }
    long n = ((Number) v).longValue();
    if (n < min || n > max) {
      throw new ConfigException(describe(key) + " must be between " + min + " and " + max + ", got " + n);
    }
    return n;
  }

  int intValue(String key, int def, int min, int max) {
    return (int) longValue(key, def, min, max);
  }

  double doubleValue(String key, double def, double min, double max) {
    Object v = raw(key);
    if (v == null) {
      return def;
    }
    if (!(v instanceof Number n)) {
      throw new ConfigException(describe(key) + " must be a number, got " + v);
    }
    double d = n.doubleValue();
    if (!(d >= min && d <= max)) {
      throw new ConfigException(describe(key) + " must be between " + min + " and " + max + ", got " + d);
    }
    return d;
  }

  List<String> strings(String key) {
    List<String> out = new ArrayList<>();
    for (Object o : list(key)) {
      if (!(o instanceof String s)) {
        throw new ConfigException(describe(key) + " must hold strings, got " + o);
      }
      out.add(s);
    }
    return out;
  }

  List<YamlSection> sections(String key) {
    List<YamlSection> out = new ArrayList<>();
    List<?> items = list(key);
    for (int i = 0; i < items.size(); i++) {
      out.add(new YamlSection((path.isEmpty() ? key : path + "." + key) + "[" + i + "]", items.get(i)));
    }
    return out;
  }

  Map<String, String> stringMap(String key) {
    Map<String, String> out = new LinkedHashMap<>();
    Object v = raw(key);
    if (v == null) {
      return out;
    }
    if (!(v instanceof Map<?, ?> m)) {
      throw new ConfigException(describe(key) + " must be a mapping of strings");
    }
    m.forEach((k, val) -> {
      if (!(k instanceof String) || !(val instanceof String)) {
        throw new ConfigException(describe(key) + " must map strings to strings, got " + k + ": " + val);
      }
      out.put((String) k, (String) val);
    });
    return out;
  }

  private List<?> list(String key) {
    Object v = raw(key);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> l)) {
      throw new ConfigException(describe(key) + " must be a list");
    }
    return l;
  }

  /** Throws when the mapping holds a key no reader asked for. */
  void finish() {
    for (Object k : map.keySet()) {
      if (!read.contains(String.valueOf(k))) {
        throw new ConfigException("unknown key " + describe(String.valueOf(k)));
      }
    }
  }
}
