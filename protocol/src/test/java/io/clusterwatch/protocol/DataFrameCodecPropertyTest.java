package io.clusterwatch.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.protocol.arbitrary.AllocationMeter;
import io.clusterwatch.protocol.arbitrary.FrameMutations;
import io.clusterwatch.protocol.arbitrary.WireArbitraries;
import io.clusterwatch.protocol.arbitrary.WireArbitraries.TableAndFrame;
import java.nio.ByteBuffer;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Generated and mutated binary data frames: valid ones decode to what was encoded; anything else
 * fails with a {@link ProtocolException} only, and decoding never allocates more than a small
 * constant plus twice the frame's own length, whatever length the frame claims.
 */
class DataFrameCodecPropertyTest {
  /** A decoder's fixed costs: the exception with its stack trace, the header record. */
  private static final long FIXED_ALLOCATION = 64 * 1024;

  private static final Set<String> FRAME_ERRORS =
      Set.of("bad_frame_length", "bad_frame_type", "unsupported_version", "bad_schema_version");

  private final AllocationMeter meter = new AllocationMeter();

  @Property
  void everyGeneratedFrameRoundTrips(@ForAll("tablesAndFrames") TableAndFrame t) {
    byte[] bytes = t.bytes();
    assertEquals(t.table().frameLength(), bytes.length);
    assertEquals(t.frame(), DataFrameCodec.decode(bytes, t.table()));
    assertArrayEquals(bytes, DataFrameCodec.encode(DataFrameCodec.decode(bytes, t.table())));
  }

  @Property
  void mutatedFramesFailOnlyWithTheProtocolError(@ForAll("mutatedFrames") Mutation m) {
    byte[] bytes = m.frame.bytes();
    AllocationMeter.Measured<DataFrame> result =
        meter.measure(() -> DataFrameCodec.decode(bytes, m.table));
    assertOnlyProtocolErrors(result, bytes.length);
    if (result.value() != null) {
      // Whatever the edits did, an accepted frame matches the table in length and version.
      assertEquals(m.table.size(), result.value().size());
      assertEquals(m.table.schemaVersion(), result.value().schemaVersion());
      assertEquals(m.table.frameLength(), bytes.length);
    }
  }

  @Property
  void randomBytesFailOnlyWithTheProtocolError(
      @ForAll @Size(max = 512) byte[] bytes, @ForAll @IntRange(max = 64) int tableSize) {
    SeriesTable table = WireArbitraries.gaugeTable(0, tableSize);
    assertOnlyProtocolErrors(
        meter.measure(() -> DataFrameCodec.decode(bytes, table)), bytes.length);
  }

  /**
   * A short frame that claims a count of up to 2^32 - 1 values is refused before any allocation.
   */
  @Property
  void hugeDeclaredCountsAreRefusedWithoutAllocating(
      @ForAll("hugeCounts") int count, @ForAll @IntRange(min = 28, max = 1000) int length) {
    byte[] bytes = new byte[length];
    ByteBuffer b = ByteBuffer.wrap(bytes);
    b.put(0, DataFrameCodec.FRAME_TYPE_DATA).put(1, (byte) ProtocolVersion.CURRENT);
    b.putInt(24, count);
    AllocationMeter.Measured<DataFrameCodec.Header> result =
        meter.measure(() -> DataFrameCodec.readHeader(ByteBuffer.wrap(bytes)));
    ProtocolException e = assertProtocolError(result.thrown());
    assertEquals("bad_frame_length", e.code());
    assertTrue(
        e.getMessage().contains(Integer.toUnsignedString(count)),
        "the error names the claimed count: " + e.getMessage());
    assertTrue(
        result.allocatedBytes() < FIXED_ALLOCATION,
        "refusing a count of "
            + Integer.toUnsignedString(count)
            + " allocated "
            + result.allocatedBytes()
            + " bytes");
  }

  private void assertOnlyProtocolErrors(AllocationMeter.Measured<?> result, int frameLength) {
    if (result.thrown() != null) {
      ProtocolException e = assertProtocolError(result.thrown());
      assertTrue(FRAME_ERRORS.contains(e.code()), "unexpected code " + e.code());
      assertTrue(!e.getMessage().isBlank(), "the error says what was wrong");
    }
    assertTrue(
        result.allocatedBytes() <= FIXED_ALLOCATION + 2L * frameLength,
        "decoding " + frameLength + " bytes allocated " + result.allocatedBytes());
  }

  private static ProtocolException assertProtocolError(Throwable thrown) {
    if (thrown instanceof ProtocolException p) {
      return p;
    }
    throw new AssertionError("expected a ProtocolException, got " + thrown, thrown);
  }

  /** A mutated frame and the table of the frame it was made from. */
  record Mutation(SeriesTable table, FrameMutations.Mutated frame) {}

  @Provide
  Arbitrary<TableAndFrame> tablesAndFrames() {
    return WireArbitraries.tablesAndFrames();
  }

  @Provide
  Arbitrary<Mutation> mutatedFrames() {
    return Combinators.combine(WireArbitraries.tablesAndFrames(), FrameMutations.editLists())
        .as((t, edits) -> new Mutation(t.table(), new FrameMutations.Mutated(t.bytes(), edits)));
  }

  @Provide
  Arbitrary<Integer> hugeCounts() {
    // 2^31 and beyond (negative as a Java int), and anything past what 1000 bytes can hold (119
    // values: 28 header bytes, 15 with a bit per value, 952 of values; 116 values fill 971 bytes
    // exactly,
    // which is a valid frame, not a huge count).
    int fitsIn1000 = 0;
    while (DataFrameCodec.frameLength(fitsIn1000 + 1) <= 1000) {
      fitsIn1000++;
    }
    return Arbitraries.oneOf(
        Arbitraries.of(Integer.MIN_VALUE, -1, Integer.MAX_VALUE, (Integer.MAX_VALUE - 28) / 9 + 1),
        Arbitraries.integers().between(fitsIn1000 + 1, Integer.MAX_VALUE),
        Arbitraries.integers().between(Integer.MIN_VALUE, -1));
  }
}
