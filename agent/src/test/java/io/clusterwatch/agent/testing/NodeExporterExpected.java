package io.clusterwatch.agent.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.Sample;
import io.clusterwatch.protocol.SeriesKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The series of a Prometheus text exposition (such as node_exporter's {@code e2e-output.txt}) as
 * name+labels to value, and the comparison of our samples against it.
 *
 * <p>Labels with an empty value are dropped while parsing: in Prometheus {@code x{a=""}} and {@code
 * x} are the same series, and our {@link Labels} do not hold empty values.
 */
public final class NodeExporterExpected {
  /** Relative tolerance: raw*scale and node_exporter's raw/divisor may differ in the last bit. */
  private static final double RELATIVE_TOLERANCE = 1e-12;

  private final SortedMap<SeriesKey, Double> series;

  private NodeExporterExpected(SortedMap<SeriesKey, Double> series) {
    this.series = series;
  }

  public static NodeExporterExpected load(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8));
  }

  public static NodeExporterExpected parse(String text) {
    SortedMap<SeriesKey, Double> series = new TreeMap<>();
    String[] lines = text.split("\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      try {
        parseLine(line, series);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("line " + (i + 1) + ": " + line, e);
      }
    }
    return new NodeExporterExpected(series);
  }

  private static void parseLine(String line, Map<SeriesKey, Double> out) {
    int brace = line.indexOf('{');
    int space = line.indexOf(' ');
    Map<String, String> labels = new TreeMap<>();
    String name;
    String rest;
    if (brace >= 0 && (space < 0 || brace < space)) {
      name = line.substring(0, brace);
      int i = brace + 1;
      while (line.charAt(i) != '}') {
        int eq = line.indexOf('=', i);
        String label = line.substring(i, eq).strip();
        if (line.charAt(eq + 1) != '"') {
          throw new IllegalArgumentException("label value not quoted");
        }
        StringBuilder value = new StringBuilder();
        int j = eq + 2;
        while (line.charAt(j) != '"') {
          char c = line.charAt(j);
          if (c == '\\') {
            char next = line.charAt(++j);
            value.append(next == 'n' ? '\n' : next);
          } else {
            value.append(c);
          }
          j++;
        }
        if (value.length() > 0) {
          labels.put(label, value.toString());
        }
        i = j + 1;
        if (line.charAt(i) == ',') {
          i++;
        }
      }
      rest = line.substring(i + 1).strip();
    } else {
      name = line.substring(0, space);
      rest = line.substring(space + 1).strip();
    }
    String valueText = rest.split("\\s+")[0];
    double value =
        switch (valueText) {
          case "+Inf" -> Double.POSITIVE_INFINITY;
          case "-Inf" -> Double.NEGATIVE_INFINITY;
          default -> Double.parseDouble(valueText);
        };
    SeriesKey key = new SeriesKey(name, Labels.of(labels));
    if (out.put(key, value) != null) {
      throw new IllegalArgumentException("duplicate series " + key);
    }
  }

  /** Every series whose name passes {@code names}. */
  public SortedMap<SeriesKey, Double> select(Predicate<String> names) {
    SortedMap<SeriesKey, Double> out = new TreeMap<>();
    series.forEach(
        (k, v) -> {
          if (names.test(k.metric())) {
            out.put(k, v);
          }
        });
    return out;
  }

  /** Every series whose name starts with {@code prefix}. */
  public SortedMap<SeriesKey, Double> family(String prefix) {
    return select(n -> n.startsWith(prefix));
  }

  /** Our samples as node_exporter would name them: {@code node_} + metric, value raw*scale. */
  public static SortedMap<SeriesKey, Double> asNodeExporter(Collection<Sample> samples) {
    SortedMap<SeriesKey, Double> out = new TreeMap<>();
    for (Sample s : samples) {
      SeriesKey key = new SeriesKey("node_" + s.metric(), s.labels());
      if (out.put(key, s.doubleValue()) != null) {
        fail("two samples for " + key);
      }
    }
    return out;
  }

  /** The same series with the same values (within {@link #RELATIVE_TOLERANCE}). */
  public static void assertSameSeries(
      Map<SeriesKey, Double> expected, Map<SeriesKey, Double> actual) {
    TreeSet<SeriesKey> missing = new TreeSet<>(expected.keySet());
    missing.removeAll(actual.keySet());
    TreeSet<SeriesKey> extra = new TreeSet<>(actual.keySet());
    extra.removeAll(expected.keySet());
    assertEquals(new TreeSet<>(), missing, "node_exporter series we do not emit");
    assertEquals(new TreeSet<>(), extra, "series we emit that node_exporter does not");
    for (Map.Entry<SeriesKey, Double> e : expected.entrySet()) {
      assertClose(e.getKey(), e.getValue(), actual.get(e.getKey()));
    }
  }

  public static void assertClose(Object what, double expected, double actual) {
    double tolerance = RELATIVE_TOLERANCE * Math.max(Math.abs(expected), Math.abs(actual));
    if (!(Math.abs(expected - actual) <= tolerance) && !(expected == actual)) {
      fail(what + ": expected " + expected + " but was " + actual);
    }
  }
}
