package io.clusterwatch.protocol.arbitrary;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** Hostile JSON text frames made from valid ones by one to three {@link JsonEdit}s. */
public final class JsonMutations {
  private static final int MAX_EDITS = 3;

  /** Field names of the control messages, so that added fields often collide with real ones. */
  private static final List<String> FIELD_NAMES =
      List.of(
          "type",
          "protocol",
          "host",
          "agent_id",
          "boot_id",
          "interval_ms",
          "token",
          "last_acked_seq",
          "agent_version",
          "schema_version",
          "series",
          "attributes",
          "id",
          "metric",
          "labels",
          "unit",
          "scale",
          "time_ms",
          "jobs",
          "job",
          "event",
          "job_id",
          "gpu_uuids",
          "seq",
          "code",
          "message");

  /** Text that breaks JSON syntax when inserted. */
  private static final List<String> SYNTAX =
      List.of("{", "}", "[", "]", "\"", ",", ":", "\\", "\\u", "\u0000", "\ud800", "/*", "NaN");

  private JsonMutations() {}

  /**
   * A valid text frame and the edits to make of it; the edited text is written when asked for, so
   * that the samples jqwik keeps stay small.
   */
  public record Mutated(String original, List<JsonEdit> edits) {
    public String text() {
      String out = original;
      for (JsonEdit e : edits) {
        out = e.apply(out);
      }
      return out;
    }

    @Override
    public String toString() {
      return edits + " of " + JsonEdit.Tree.abbreviate(original);
    }
  }

  public static Arbitrary<Mutated> of(Arbitrary<String> valid) {
    return Combinators.combine(valid, edits().list().ofMinSize(1).ofMaxSize(MAX_EDITS))
        .as(Mutated::new);
  }

  public static Arbitrary<JsonEdit> edits() {
    Arbitrary<Integer> position = Arbitraries.integers().between(0, 1 << 16);
    Arbitrary<String> names =
        Arbitraries.oneOf(Arbitraries.of(FIELD_NAMES), WireArbitraries.texts());
    return Arbitraries.frequencyOf(
        Tuple.of(
            6, Combinators.combine(position, HostileJson.values()).as(JsonEdit.ReplaceValue::new)),
        Tuple.of(2, position.map(JsonEdit.RemoveValue::new)),
        Tuple.of(
            3,
            Combinators.combine(position, names, HostileJson.values()).as(JsonEdit.AddField::new)),
        Tuple.of(1, position.map(JsonEdit.Truncate::new)),
        Tuple.of(1, Combinators.combine(position, position).as(JsonEdit.DeleteText::new)),
        Tuple.of(
            1,
            Combinators.combine(
                    position,
                    Arbitraries.oneOf(
                        Arbitraries.of(SYNTAX), WireArbitraries.texts().ofMaxLength(4)))
                .as(JsonEdit.InsertText::new)),
        Tuple.of(
            1,
            Combinators.combine(position, Arbitraries.integers().between(0, 7))
                .as(JsonEdit.FlipUtf8Bit::new)));
  }
}
