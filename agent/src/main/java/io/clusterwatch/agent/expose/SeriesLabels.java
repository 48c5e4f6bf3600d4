package io.clusterwatch.agent.expose;

import io.clusterwatch.protocol.Labels;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * The labels of one exposed series, sorted by name, with their text {@code {a="1",b="2"}} made
 * once. Ordered as client_java orders a family's points ({@code Labels.compareTo}: names first,
 * then values, element by element, a shorter list first when it is a prefix of the other).
 */
final class SeriesLabels implements Comparable<SeriesLabels> {
  static final SeriesLabels EMPTY = new SeriesLabels(new String[0], new String[0]);

  private final String[] names;
  private final String[] values;
  private final int hash;
  private final byte[] text;

  private SeriesLabels(String[] names, String[] values) {
    this.names = names;
    this.values = values;
    this.hash = 31 * Arrays.hashCode(names) + Arrays.hashCode(values);
    this.text = render(names, values);
  }

  static SeriesLabels of(Labels labels) {
    if (labels.isEmpty()) {
      return EMPTY;
    }
    String[] names = new String[labels.size()];
    String[] values = new String[labels.size()];
    for (int i = 0; i < names.length; i++) {
      names[i] = labels.name(i);
      values[i] = labels.value(i);
    }
    return sorted(names, values);
  }

  static SeriesLabels of(Map<String, String> labels) {
    if (labels.isEmpty()) {
      return EMPTY;
    }
    String[] names = labels.keySet().toArray(new String[0]);
    String[] values = new String[names.length];
    for (int i = 0; i < names.length; i++) {
      values[i] = labels.get(names[i]);
    }
    return sorted(names, values);
  }

  /** Sorts the pairs by name, as the Prometheus client's label sets are. */
  private static SeriesLabels sorted(String[] names, String[] values) {
    Integer[] order = new Integer[names.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> names[a].compareTo(names[b]));
    String[] n = new String[names.length];
    String[] v = new String[names.length];
    for (int i = 0; i < order.length; i++) {
      n[i] = names[order[i]];
      v[i] = values[order[i]];
    }
    return new SeriesLabels(n, v);
  }

  /** {@code {name="value",...}} with the value escaped, or nothing for no labels. */
  private static byte[] render(String[] names, String[] values) {
    if (names.length == 0) {
      return new byte[0];
    }
    StringBuilder b = new StringBuilder(32 * names.length).append('{');
    for (int i = 0; i < names.length; i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(names[i]).append("=\"");
      escapeLabelValue(b, values[i]);
      b.append('"');
    }
    return b.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The text format's label value escapes: backslash, double quote and newline. */
  private static void escapeLabelValue(StringBuilder b, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '"' -> b.append("\\\"");
        case '\n' -> b.append("\\n");
        default -> b.append(c);
      }
    }
  }

  /** {@code {name="value",...}} in UTF-8; empty for no labels. The caller must not change it. */
  byte[] text() {
    return text;
  }

  @Override
  public boolean equals(Object o) {
    if (o == this) {
      return true;
    }
    return o instanceof SeriesLabels other
        && hash == other.hash
        && Arrays.equals(names, other.names)
        && Arrays.equals(values, other.values);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public int compareTo(SeriesLabels o) {
    int c = compare(names, o.names);
    return c != 0 ? c : compare(values, o.values);
  }

  private static int compare(String[] a, String[] b) {
    int n = Math.min(a.length, b.length);
    for (int i = 0; i < n; i++) {
      int c = a[i].compareTo(b[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.length, b.length);
  }
}
