package io.clusterwatch.protocol.arbitrary;

import io.clusterwatch.protocol.DataFrameCodec;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Hostile binary frames made from valid ones: bit flips, truncation, extension, length and header
 * fields set to extreme values, duplicated and removed sections, random bytes. The field offsets
 * are those of the data frame layout in protocol/README.md.
 */
public final class FrameMutations {
  private static final int MAX_EDITS = 3;

  private FrameMutations() {}

  /** A valid frame and the edits to make of it. */
  public record Mutated(byte[] original, List<FrameEdit> edits) {
    public byte[] bytes() {
      byte[] out = original;
      for (FrameEdit e : edits) {
        out = e.apply(out);
      }
      return out;
    }

    @Override
    public String toString() {
      return edits + " of a frame of " + original.length + " bytes";
    }
  }

  public static Arbitrary<Mutated> of(Arbitrary<byte[]> valid) {
    return Combinators.combine(valid, editLists()).as(Mutated::new);
  }

  /** One to three edits. */
  public static Arbitrary<List<FrameEdit>> editLists() {
    return edits().list().ofMinSize(1).ofMaxSize(MAX_EDITS);
  }

  /** Every kind of edit, weighted towards those that reach the length checks. */
  public static Arbitrary<FrameEdit> edits() {
    Arbitrary<Integer> position = Arbitraries.integers().between(0, 1 << 16);
    return Arbitraries.frequencyOf(
        tuple(
            3,
            position.flatMap(
                p -> Arbitraries.integers().between(0, 7).map(b -> new FrameEdit.FlipBit(p, b)))),
        tuple(2, position.map(FrameEdit.Truncate::new)),
        tuple(1, bytes(1, 64).map(FrameEdit.Extend::new)),
        tuple(
            3,
            Arbitraries.of(4, 24).flatMap(o -> extremeInts().map(v -> new FrameEdit.SetInt(o, v)))),
        tuple(
            1,
            Arbitraries.of(8, 16)
                .flatMap(o -> extremeLongs().map(v -> new FrameEdit.SetLong(o, v)))),
        tuple(
            1,
            Arbitraries.integers()
                .between(0, 3)
                .flatMap(o -> Arbitraries.bytes().map(v -> new FrameEdit.SetByte(o, v)))),
        tuple(
            1,
            Combinators.combine(position, position, position).as(FrameEdit.DuplicateSection::new)),
        tuple(1, Combinators.combine(position, position).as(FrameEdit.DeleteSection::new)),
        tuple(1, Combinators.combine(position, bytes(1, 16)).as(FrameEdit.Overwrite::new)),
        tuple(1, bytes(0, DataFrameCodec.HEADER_LENGTH + 64).map(FrameEdit.Replace::new)));
  }

  /** Values that break naive length arithmetic: signs, overflow edges, off by one. */
  public static Arbitrary<Integer> extremeInts() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            0,
            1,
            -1,
            2,
            3,
            7,
            8,
            9,
            255,
            65_535,
            1 << 24,
            Integer.MAX_VALUE,
            Integer.MIN_VALUE,
            Integer.MAX_VALUE - DataFrameCodec.HEADER_LENGTH,
            (Integer.MAX_VALUE - 28) / 9,
            (Integer.MAX_VALUE - 28) / 9 + 1,
            0x1000_0000,
            0xE38E_38E4),
        Arbitraries.integers());
  }

  public static Arbitrary<Long> extremeLongs() {
    return Arbitraries.oneOf(
        Arbitraries.of(0L, 1L, -1L, Long.MAX_VALUE, Long.MIN_VALUE), Arbitraries.longs());
  }

  private static Arbitrary<byte[]> bytes(int min, int max) {
    return Arbitraries.bytes().array(byte[].class).ofMinSize(min).ofMaxSize(max);
  }

  private static Tuple.Tuple2<Integer, Arbitrary<? extends FrameEdit>> tuple(
      int weight, Arbitrary<? extends FrameEdit> edit) {
    return Tuple.of(weight, edit);
  }
}
