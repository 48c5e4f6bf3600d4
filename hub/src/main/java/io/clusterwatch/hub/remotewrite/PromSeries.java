package io.clusterwatch.hub.remotewrite;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * One series as remote write names it: {@code __name__} plus labels, sorted by label name as the
 * remote-write specification requires, with empty values left out (Prometheus drops them too).
 * Built once per series table, not per sample. An endpoint's external labels are added when a
 * request is encoded ({@link WriteRequestEncoder}).
 */
public final class PromSeries {
  private final String[] pairs;
  private final int hash;

  private PromSeries(String[] pairs) {
    this.pairs = pairs;
    this.hash = Arrays.hashCode(pairs);
  }

  /** {@code name} with {@code labels}. */
  public static PromSeries of(String name, Map<String, String> labels) {
    TreeMap<String, String> all = new TreeMap<>(labels);
    all.put("__name__", name);
    all.values().removeIf(String::isEmpty);
    String[] pairs = new String[all.size() * 2];
    int i = 0;
    for (Map.Entry<String, String> e : all.entrySet()) {
      pairs[i++] = e.getKey();
      pairs[i++] = e.getValue();
    }
    return new PromSeries(pairs);
  }

  public int labelCount() {
    return pairs.length / 2;
  }

  public String labelName(int i) {
    return pairs[2 * i];
  }

  public String labelValue(int i) {
    return pairs[2 * i + 1];
  }

  /** The value of label {@code name}, or null. */
  public String get(String name) {
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i].equals(name)) {
        return pairs[i + 1];
      }
    }
    return null;
  }

  public String name() {
    return get("__name__");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PromSeries other && hash == other.hash && Arrays.equals(pairs, other.pairs);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(name()).append('{');
    for (int i = 0; i < pairs.length; i += 2) {
      if (!pairs[i].equals("__name__")) {
        b.append(b.charAt(b.length() - 1) == '{' ? "" : ",")
            .append(pairs[i])
            .append("=\"")
            .append(pairs[i + 1])
            .append('"');
      }
    }
    return b.append('}').toString();
  }
}
