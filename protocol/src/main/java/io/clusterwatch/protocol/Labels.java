package io.clusterwatch.protocol;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable set of label names and values, sorted by name. Labels identify hardware only ({@code
 * gpu}, {@code gpu_uuid}, {@code pci_bus_id}, {@code device}, {@code port}, {@code cpu}, {@code
 * mode}, ...), never a job, a PID or a time.
 */
public final class Labels implements Comparable<Labels> {
  public static final Labels EMPTY = new Labels(new String[0], new String[0]);

  private final String[] names;
  private final String[] values;
  private final int hash;

  private Labels(String[] names, String[] values) {
    this.names = names;
    this.values = values;
    this.hash = 31 * Arrays.hashCode(names) + Arrays.hashCode(values);
  }

  /** {@code Labels.of("device", "sda", "port", "1")}: alternating names and values. */
  public static Labels of(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("labels need name/value pairs, got an odd count");
    }
    Map<String, String> map = new TreeMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      put(map, namesAndValues[i], namesAndValues[i + 1]);
    }
    return fromSorted(map);
  }

  public static Labels of(Map<String, String> map) {
    Map<String, String> sorted = new TreeMap<>();
    map.forEach((k, v) -> put(sorted, k, v));
    return fromSorted(sorted);
  }

  private static void put(Map<String, String> map, String name, String value) {
    if (name == null || name.isEmpty() || value == null) {
      throw new IllegalArgumentException("label name and value must be non-empty: " + name);
    }
    if (map.put(name, value) != null) {
      throw new IllegalArgumentException("duplicate label name: " + name);
    }
  }

  private static Labels fromSorted(Map<String, String> sorted) {
    if (sorted.isEmpty()) {
      return EMPTY;
    }
    return new Labels(
        sorted.keySet().toArray(new String[0]), sorted.values().toArray(new String[0]));
  }

  /** A copy with one more label (or one replaced). */
  public Labels with(String name, String value) {
    Map<String, String> map = new TreeMap<>(asMap());
    map.put(name, value);
    return fromSorted(map);
  }

  /** The value of a label, or null. */
  public String get(String name) {
    int i = Arrays.binarySearch(names, name);
    return i >= 0 ? values[i] : null;
  }

  public int size() {
    return names.length;
  }

  public String name(int i) {
    return names[i];
  }

  public String value(int i) {
    return values[i];
  }

  public boolean isEmpty() {
    return names.length == 0;
  }

  /** True when every label in {@code subset} is here with the same value. */
  public boolean containsAll(Labels subset) {
    for (int i = 0; i < subset.names.length; i++) {
      if (!subset.values[i].equals(get(subset.names[i]))) {
        return false;
      }
    }
    return true;
  }

  /** An unmodifiable, name-ordered view. */
  public Map<String, String> asMap() {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < names.length; i++) {
      map.put(names[i], values[i]);
    }
    return Collections.unmodifiableMap(map);
  }

  @Override
  public boolean equals(Object o) {
    // the same instance is the usual case: collectors keep a series' labels from tick to tick
    if (o == this) {
      return true;
    }
    return o instanceof Labels other
        && hash == other.hash
        && Arrays.equals(names, other.names)
        && Arrays.equals(values, other.values);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public int compareTo(Labels o) {
    int n = Math.min(names.length, o.names.length);
    for (int i = 0; i < n; i++) {
      int c = names[i].compareTo(o.names[i]);
      if (c != 0) {
        return c;
      }
      c = values[i].compareTo(o.values[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(names.length, o.names.length);
  }

  /** Prometheus-like rendering: {@code {device="sda",port="1"}}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < names.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(names[i]).append("=\"").append(values[i]).append('"');
    }
    return sb.append('}').toString();
  }
}
