package io.clusterwatch.protocol.arbitrary;

import java.util.Locale;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * JSON values (as raw text) that a hostile or broken agent could put where a field belongs: wrong
 * types, numbers out of every range, non-standard NaN and Infinity, unpaired surrogates, huge
 * arrays and strings, nesting past the reader's depth limit. Large values are written only when an
 * edit applies them, so that the samples jqwik keeps (edge cases, shrink candidates) stay small.
 */
public final class HostileJson {
  /** Past Jackson's default nesting limit of 1000. */
  private static final int DEEP = 1500;

  /**
   * Entries of the largest arrays and characters of the longest strings: the decoder reads them
   * all.
   */
  private static final int HUGE = 3_000;

  private HostileJson() {}

  /** How a large value is built from its size. */
  public enum Shape {
    LITERAL(n -> ""),
    DIGITS("9"::repeat),
    FRACTION_DIGITS(n -> "0." + "1".repeat(n)),
    DEEP_ARRAY(n -> "[".repeat(n) + "]".repeat(n)),
    DEEP_OBJECT(n -> "{\"a\":".repeat(n) + "1" + "}".repeat(n)),
    UNCLOSED_ARRAY("["::repeat),
    ZEROS(n -> array(n, i -> "0")),
    STRINGS(n -> array(n, i -> "\"s" + i + "\"")),
    DISTINCT_SERIES(n -> array(n, i -> "{\"metric\":\"m_" + i + "\",\"type\":\"gauge\"}")),
    SAME_SERIES(n -> array(n, i -> "{\"metric\":\"m\",\"type\":\"gauge\"}")),
    JOBS(n -> array(n, i -> "{\"job_id\":\"" + i + "\"}")),
    LONG_STRING(n -> quote("x".repeat(n * 10))),
    MANY_FIELDS(
        n ->
            IntStream.range(0, n)
                .mapToObj(i -> "\"k" + i + "\":\"v\"")
                .collect(Collectors.joining(",", "{", "}")));

    private final IntFunction<String> text;

    Shape(IntFunction<String> text) {
      this.text = text;
    }
  }

  /** A value: {@code literal} as it is, or a {@link Shape} of {@code size}. */
  public record Value(Shape shape, int size, String literal) {
    public String text() {
      return shape == Shape.LITERAL ? literal : shape.text.apply(size);
    }

    @Override
    public String toString() {
      return shape == Shape.LITERAL
          ? (literal.length() > 60 ? literal.substring(0, 60) + "..." : literal)
          : shape + "(" + size + ")";
    }
  }

  public static Arbitrary<Value> values() {
    return Arbitraries.frequencyOf(
        Tuple.of(6, literals(scalars())),
        Tuple.of(2, literals(numbers())),
        Tuple.of(2, literals(WireArbitraries.texts().map(HostileJson::quote))),
        Tuple.of(
            1,
            shaped(
                Arbitraries.of(Shape.DEEP_ARRAY, Shape.DEEP_OBJECT, Shape.UNCLOSED_ARRAY), DEEP)),
        Tuple.of(1, shaped(Arbitraries.of(Shape.DIGITS, Shape.FRACTION_DIGITS), 1010)),
        Tuple.of(
            1,
            shaped(
                Arbitraries.of(
                    Shape.ZEROS,
                    Shape.STRINGS,
                    Shape.DISTINCT_SERIES,
                    Shape.SAME_SERIES,
                    Shape.JOBS,
                    Shape.LONG_STRING,
                    Shape.MANY_FIELDS),
                HUGE)));
  }

  private static Arbitrary<Value> literals(Arbitrary<String> text) {
    return text.map(t -> new Value(Shape.LITERAL, 0, t));
  }

  private static Arbitrary<Value> shaped(Arbitrary<Shape> shapes, int maxSize) {
    return Combinators.combine(shapes, Arbitraries.integers().between(1, maxSize))
        .as((shape, size) -> new Value(shape, size, ""));
  }

  static Arbitrary<String> scalars() {
    return Arbitraries.of(
        "null",
        "true",
        "false",
        "0",
        "-1",
        "1.5",
        "-0",
        "-0.0",
        "1e400",
        "-1e400",
        "1e-400",
        "4294967296",
        "9223372036854775807",
        "9223372036854775808",
        "-9223372036854775809",
        "18446744073709551616",
        "NaN",
        "Infinity",
        "-Infinity",
        "\"\"",
        "\"x\"",
        "\"1\"",
        "\"gauge\"",
        "\"hello\"",
        "\"\\ud800\"",
        "\"\\udc00x\"",
        "\"\\u0000\"",
        "\"\\uZZZZ\"",
        "[]",
        "{}",
        "[null]",
        "[1]",
        "[\"a\"]",
        "{\"a\":null}",
        "{\"a\":1}",
        "{\"type\":\"hello\"}");
  }

  static Arbitrary<String> numbers() {
    return Arbitraries.oneOf(
        Arbitraries.longs().map(String::valueOf), Arbitraries.doubles().map(String::valueOf));
  }

  private static String array(int n, IntFunction<String> element) {
    return IntStream.range(0, n).mapToObj(element).collect(Collectors.joining(",", "[", "]"));
  }

  /** {@code text} as a JSON string literal. */
  static String quote(String text) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
