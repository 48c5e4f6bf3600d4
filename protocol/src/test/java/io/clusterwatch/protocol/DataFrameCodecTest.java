package io.clusterwatch.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataFrameCodecTest {
  @Test
  void encodesTheGoldenFrameByteForByte() {
    assertArrayEquals(
        GoldenFiles.hex("data-frame.v1.hex"), DataFrameCodec.encode(GoldenFiles.dataFrame()));
  }

  @Test
  void decodesTheGoldenFrame() {
    DataFrame f = DataFrameCodec.decode(GoldenFiles.hex("data-frame.v1.hex"), GoldenFiles.table());
    assertEquals(GoldenFiles.dataFrame(), f);
    assertEquals(42, f.sequence());
    assertEquals(1764072000000L, f.timestampMs());
    assertEquals("18446744073709551600", Long.toUnsignedString(f.rawValue(0)));
    assertEquals(0.97, f.gaugeValue(1));
    assertFalse(f.isPresent(2));
  }

  @Test
  void roundTripsLargeFramesWithBitmapsAcrossWords() {
    int n = 131;
    List<SeriesDescriptor> series = new ArrayList<>();
    DataFrame frame = DataFrame.empty(7, 1, 5, n);
    for (int i = 0; i < n; i++) {
      series.add(SeriesDescriptor.of("m_" + i, Labels.EMPTY, MetricType.COUNTER));
      if (i % 3 != 0) {
        frame.set(i, i * 1000L);
      }
    }
    SeriesTable table = new SeriesTable(7, series);
    byte[] bytes = DataFrameCodec.encode(frame);
    assertEquals(table.frameLength(), bytes.length);
    DataFrame back = DataFrameCodec.decode(bytes, table);
    for (int i = 0; i < n; i++) {
      assertEquals(i % 3 != 0, back.isPresent(i), "presence of " + i);
      if (back.isPresent(i)) {
        assertEquals(i * 1000L, back.rawValue(i));
      }
    }
  }

  @Test
  void visitorSeesEveryPositionOnce() {
    List<String> seen = new ArrayList<>();
    DataFrameCodec.decode(
        ByteBuffer.wrap(GoldenFiles.hex("data-frame.v1.hex")),
        GoldenFiles.table(),
        new DataFrameCodec.ValueVisitor() {
          @Override
          public void value(int index, long rawBits) {
            seen.add(index + "=" + Long.toHexString(rawBits));
          }

          @Override
          public void absent(int index) {
            seen.add(index + "=absent");
          }
        });
    assertEquals(
        List.of(
            "0=fffffffffffffff0",
            "1=" + Long.toHexString(Double.doubleToRawLongBits(0.97)),
            "2=absent"),
        seen);
  }

  @Test
  void rejectsAFrameShorterThanItsHeader() {
    ProtocolException e =
        assertThrows(
            ProtocolException.class,
            () -> DataFrameCodec.decode(new byte[10], GoldenFiles.table()));
    assertEquals("bad_frame_length", e.code());
  }

  @Test
  void rejectsAnUnknownFrameType() {
    byte[] bytes = GoldenFiles.hex("data-frame.v1.hex");
    bytes[0] = 0x7f;
    ProtocolException e =
        assertThrows(
            ProtocolException.class, () -> DataFrameCodec.decode(bytes, GoldenFiles.table()));
    assertEquals("bad_frame_type", e.code());
  }

  @Test
  void rejectsAnotherProtocolVersion() {
    byte[] bytes = GoldenFiles.hex("data-frame.v1.hex");
    bytes[1] = 2;
    ProtocolException e =
        assertThrows(
            ProtocolException.class, () -> DataFrameCodec.decode(bytes, GoldenFiles.table()));
    assertEquals("unsupported_version", e.code());
  }

  @Test
  void rejectsATruncatedFrame() {
    byte[] bytes = GoldenFiles.hex("data-frame.v1.hex");
    byte[] cut = Arrays.copyOf(bytes, bytes.length - 1);
    ProtocolException e =
        assertThrows(
            ProtocolException.class, () -> DataFrameCodec.decode(cut, GoldenFiles.table()));
    assertEquals("bad_frame_length", e.code());
    assertTrue(e.getMessage().contains("does not match its value count"), e.getMessage());
  }

  @Test
  void rejectsAFrameWhoseCountDiffersFromTheTable() {
    DataFrame two = DataFrame.empty(3, 1, 1, 2);
    byte[] bytes = DataFrameCodec.encode(two);
    ProtocolException e =
        assertThrows(
            ProtocolException.class, () -> DataFrameCodec.decode(bytes, GoldenFiles.table()));
    assertEquals("bad_frame_length", e.code());
  }

  @Test
  void rejectsAFrameOfAnotherSchemaVersion() {
    DataFrame other = DataFrame.empty(4, 1, 1, 3);
    byte[] bytes = DataFrameCodec.encode(other);
    ProtocolException e =
        assertThrows(
            ProtocolException.class, () -> DataFrameCodec.decode(bytes, GoldenFiles.table()));
    assertEquals("bad_schema_version", e.code());
  }

  @Test
  void rejectsAHugeDeclaredCountWithoutAllocating() {
    byte[] bytes = GoldenFiles.hex("data-frame.v1.hex");
    bytes[24] = (byte) 0xff;
    bytes[25] = (byte) 0xff;
    bytes[26] = (byte) 0xff;
    bytes[27] = (byte) 0xff;
    ProtocolException e =
        assertThrows(
            ProtocolException.class, () -> DataFrameCodec.readHeader(ByteBuffer.wrap(bytes)));
    assertEquals("bad_frame_length", e.code());
  }
}
