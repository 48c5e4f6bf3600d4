package io.clusterwatch.protocol.arbitrary;

import io.clusterwatch.protocol.DataFrame;
import io.clusterwatch.protocol.DataFrameCodec;
import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.MetricType;
import io.clusterwatch.protocol.SeriesDescriptor;
import io.clusterwatch.protocol.SeriesTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.arbitraries.StringArbitrary;

/**
 * Valid series tables and data frames of wire protocol v1, for round trips and as mutation seeds.
 */
public final class WireArbitraries {
  /** Large enough to span several bitmap bytes and 64-bit presence words. */
  private static final int MAX_SERIES = 300;

  private WireArbitraries() {}

  /** A series table and a frame of it. */
  public record TableAndFrame(SeriesTable table, DataFrame frame) {
    public byte[] bytes() {
      return DataFrameCodec.encode(frame);
    }
  }

  /**
   * Frames of up to 300 values. The values come from a seeded generator rather than one jqwik
   * arbitrary each: shrinking the size and the seed is enough, and it is ten times faster.
   */
  public static Arbitrary<TableAndFrame> tablesAndFrames() {
    return Combinators.combine(
            Arbitraries.integers().between(0, MAX_SERIES),
            Arbitraries.integers(),
            Arbitraries.longs(),
            Arbitraries.longs(),
            Arbitraries.longs())
        .as(
            (n, schema, seq, ts, seed) -> {
              SplittableRandom random = new SplittableRandom(seed);
              DataFrame f = DataFrame.empty(schema, seq, ts, n);
              for (int i = 0; i < n; i++) {
                // Two values in three are present; any 64 bits, NaN payloads included.
                if (random.nextInt(3) != 0) {
                  f.set(i, random.nextLong());
                }
              }
              return new TableAndFrame(gaugeTable(schema, n), f);
            });
  }

  /** {@code n} gauges {@code fuzz_i}: frames care only for the table's size and version. */
  public static SeriesTable gaugeTable(int schemaVersion, int n) {
    List<SeriesDescriptor> series = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      series.add(SeriesDescriptor.of("fuzz_" + i, Labels.EMPTY, MetricType.GAUGE));
    }
    return new SeriesTable(schemaVersion, series);
  }

  /** Tables as agents could send them: any valid names, labels, types, units and scales. */
  public static Arbitrary<SeriesTable> seriesTables() {
    return Combinators.combine(
            Arbitraries.integers(),
            descriptors().list().ofMaxSize(12).uniqueElements(SeriesDescriptor::key))
        .as(SeriesTable::new);
  }

  public static Arbitrary<SeriesDescriptor> descriptors() {
    return Combinators.combine(
            metricNames(),
            labels(),
            Arbitraries.of(MetricType.class),
            texts(),
            Arbitraries.oneOf(
                Arbitraries.just(1.0),
                Arbitraries.of(0.001, 0.01, 4.0, Double.MIN_VALUE, Double.MAX_VALUE),
                Arbitraries.doubles().greaterThan(0).lessOrEqual(1e12)))
        .as(SeriesDescriptor::new);
  }

  /** {@code [a-zA-Z_:][a-zA-Z0-9_:]*}, the metric name rule. */
  public static Arbitrary<String> metricNames() {
    Arbitrary<Character> first = Arbitraries.chars().range('a', 'z').range('A', 'Z').with('_', ':');
    Arbitrary<String> rest =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withCharRange('A', 'Z')
            .withCharRange('0', '9')
            .withChars('_', ':')
            .ofMaxLength(40);
    return Combinators.combine(first, rest).as((f, r) -> f + r);
  }

  public static Arbitrary<Labels> labels() {
    return Arbitraries.maps(texts().ofMinLength(1), texts()).ofMaxSize(5).map(Labels::of);
  }

  /** Any text, from the whole of Unicode (including characters JSON must escape). */
  public static StringArbitrary texts() {
    return Arbitraries.strings().all().ofMaxLength(16);
  }

  public static Arbitrary<Map<String, String>> attributes() {
    return Arbitraries.maps(texts(), texts()).ofMaxSize(6);
  }
}
