package io.clusterwatch.agent.ship;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Frames on the wire, with the examples of RFC 6455 section 5.7 where there are some. */
class WebSocketFrameCodecTest {
  private static final HexFormat HEX = HexFormat.of();

  /** Hands out the given 4-byte mask, as the RFC's examples use 37 fa 21 3d. */
  private static Random fixedMask(String hex) {
    byte[] mask = HEX.parseHex(hex);
    return new Random() {
      private static final long serialVersionUID = 1L;

      @Override
      public void nextBytes(byte[] bytes) {
        System.arraycopy(mask, 0, bytes, 0, bytes.length);
      }
    };
  }

  private static byte[] written(int opcode, byte[] payload) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new WebSocketFrameWriter(out, fixedMask("37fa213d"))
        .write(opcode, payload, 0, payload.length, true);
    return out.toByteArray();
  }

  private static WebSocketFrame read(String hex, int limit) throws Exception {
    return new WebSocketFrameReader(new ByteArrayInputStream(HEX.parseHex(hex)), limit).next();
  }

  @Test
  void masksLikeTheRfcExample() throws Exception {
    // RFC 6455 5.7: a single-frame masked text message containing "Hello".
    assertEquals(
        "818537fa213d7f9f4d5158",
        HEX.formatHex(written(WebSocketFrame.TEXT, "Hello".getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void writesAnUnmaskedFrameLikeTheRfcExamples() throws Exception {
    Random noMaskWanted =
        new Random() {
          private static final long serialVersionUID = 1L;

          @Override
          public void nextBytes(byte[] bytes) {
            throw new AssertionError("an unmasked frame asked for a mask");
          }
        };
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    WebSocketFrameWriter writer = new WebSocketFrameWriter(out, noMaskWanted);
    // RFC 6455 5.7: "A single-frame unmasked text message", here as a binary message.
    writer.write(WebSocketFrame.BINARY, "Hello".getBytes(StandardCharsets.UTF_8), 0, 5, false);
    assertEquals("820548656c6c6f", HEX.formatHex(out.toByteArray()));
    // RFC 6455 5.7: "256 bytes binary message in a single unmasked frame".
    out.reset();
    byte[] payload = new byte[256];
    new Random(256).nextBytes(payload);
    writer.write(WebSocketFrame.BINARY, payload, 0, 256, false);
    byte[] frame = out.toByteArray();
    assertEquals("827e0100", HEX.formatHex(frame, 0, 4));
    assertArrayEquals(payload, java.util.Arrays.copyOfRange(frame, 4, frame.length));
  }

  @ParameterizedTest(name = "{0} bytes: header {1}")
  @CsvSource({
    "0, 8280",
    "125, 82fd",
    "126, 82fe007e",
    "16384, 82fe4000",
  })
  void choosesThe7_16Or64BitLength(int length, String header) throws Exception {
    byte[] payload = new byte[length];
    new Random(length).nextBytes(payload);
    byte[] frame = written(WebSocketFrame.BINARY, payload);
    int h = header.length() / 2;
    assertEquals(header, HEX.formatHex(frame, 0, h));
    assertEquals("37fa213d", HEX.formatHex(frame, h, h + 4));
    assertEquals(h + 4 + length, frame.length);
    byte[] mask = HEX.parseHex("37fa213d");
    byte[] unmasked = new byte[length];
    for (int i = 0; i < length; i++) {
      unmasked[i] = (byte) (frame[h + 4 + i] ^ mask[i % 4]);
    }
    assertArrayEquals(payload, unmasked);
    // And the reader takes the same length forms back (unmasked, as a server sends them).
    byte[] serverFrame = new byte[h + length];
    System.arraycopy(frame, 0, serverFrame, 0, h);
    serverFrame[1] &= 0x7F;
    System.arraycopy(payload, 0, serverFrame, h, length);
    WebSocketFrame back =
        new WebSocketFrameReader(new ByteArrayInputStream(serverFrame), 1 << 20).next();
    assertArrayEquals(payload, back.payload());
    assertEquals(WebSocketFrame.BINARY, back.opcode());
    assertTrue(back.fin());
  }

  @ParameterizedTest(name = "{0} bytes: {1} frames")
  @CsvSource({"16385, 2", "40000, 3", "65536, 4", "70000, 5"})
  void fragmentsLongMessagesInto16KibFrames(int length, int frames) throws Exception {
    byte[] payload = new byte[length];
    new Random(length).nextBytes(payload);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new WebSocketFrameWriter(out, new Random(1))
        .write(WebSocketFrame.TEXT, payload, 0, length, true);
    // Read it back as a server would: unmask each frame, join the fragments.
    ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    for (int i = 0; i < frames; i++) {
      int b0 = in.read();
      int b1 = in.read();
      assertEquals(i == frames - 1, (b0 & 0x80) != 0, "FIN only on the last frame");
      assertEquals(i == 0 ? WebSocketFrame.TEXT : WebSocketFrame.CONTINUATION, b0 & 0x0F);
      assertTrue((b1 & 0x80) != 0, "masked");
      int len = b1 & 0x7F;
      if (len == 126) {
        len = in.read() << 8 | in.read();
      }
      assertTrue(len <= WebSocketFrameWriter.MAX_FRAME_PAYLOAD, "frame of " + len + " bytes");
      byte[] mask = in.readNBytes(4);
      byte[] chunk = in.readNBytes(len);
      for (int j = 0; j < len; j++) {
        chunk[j] ^= mask[j & 3];
      }
      joined.writeBytes(chunk);
    }
    assertEquals(-1, in.read(), "nothing after the last fragment");
    assertArrayEquals(payload, joined.toByteArray());
  }

  @Test
  void readsA64BitLength() throws Exception {
    byte[] wire = new byte[10 + 70000];
    System.arraycopy(HEX.parseHex("827f0000000000011170"), 0, wire, 0, 10);
    wire[10 + 69999] = 42;
    WebSocketFrame frame = new WebSocketFrameReader(new ByteArrayInputStream(wire), 1 << 20).next();
    assertEquals(70000, frame.payload().length);
    assertEquals(42, frame.payload()[69999]);
  }

  @Test
  void refusesToWriteAControlFrameOver125Bytes() {
    assertThrows(IllegalArgumentException.class, () -> written(WebSocketFrame.PING, new byte[126]));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    // RFC 6455 5.7 examples, as a server sends them.
    "unmasked text Hello, 810548656c6c6f, true, 1, 48656c6c6f",
    "first fragment Hel, 010348656c, false, 1, 48656c",
    "last fragment lo, 80026c6f, true, 0, 6c6f",
    "ping Hello, 890548656c6c6f, true, 9, 48656c6c6f",
    "pong Hello, 8a0548656c6c6f, true, 10, 48656c6c6f",
    "close 1000, 880203e8, true, 8, 03e8",
  })
  void readsServerFrames(String name, String wire, boolean fin, int opcode, String payload)
      throws Exception {
    WebSocketFrame frame = read(wire, 1024);
    assertEquals(fin, frame.fin());
    assertEquals(opcode, frame.opcode());
    assertEquals(payload, HEX.formatHex(frame.payload()));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "masked frame from the server, 818537fa213d7f9f4d5158, 1002",
    "reserved bit 1, c10548656c6c6f, 1002",
    "reserved bit 3, 910548656c6c6f, 1002",
    "unknown data opcode 3, 830548656c6c6f, 1002",
    "unknown control opcode 11, 8b00, 1002",
    "fragmented ping, 090548656c6c6f, 1002",
    "ping of 126 bytes, 897e007e, 1002",
    "64-bit length with the top bit set, 827f8000000000000000, 1002",
    "frame over the limit, 827e0401, 1009",
  })
  void refusesBrokenFrames(String name, String wire, int code) {
    WebSocketProtocolException e =
        assertThrows(WebSocketProtocolException.class, () -> read(wire, 1024));
    assertEquals(code, e.closeCode(), e.getMessage());
  }

  @ParameterizedTest(name = "cut after {0} bytes")
  @CsvSource({"0", "1", "3", "6"})
  void aStreamEndingInsideAFrameIsAnEof(int bytes) {
    String wire = "817e000548656c6c6f".substring(0, 2 * bytes);
    assertThrows(EOFException.class, () -> read(wire, 1024));
  }

  @Test
  void joinsFragmentsWithAPingInBetween() throws Exception {
    WebSocketMessageAssembler assembler = new WebSocketMessageAssembler(1024);
    WebSocketFrameReader reader =
        new WebSocketFrameReader(
            new ByteArrayInputStream(HEX.parseHex("010348656c" + "8900" + "00012c" + "80026c6f")),
            1024);
    assertNull(assembler.accept(reader.next()));
    assertEquals(WebSocketFrame.PING, assembler.accept(reader.next()).opcode());
    assertNull(assembler.accept(reader.next()));
    WebSocketFrame message = assembler.accept(reader.next());
    assertTrue(message.fin());
    assertEquals(WebSocketFrame.TEXT, message.opcode());
    assertEquals("Hel,lo", WebSocketMessageAssembler.text(message.payload()));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "continuation without a message, 80026c6f, 1002",
    "text inside a fragmented message, 010348656c 810548656c6c6f, 1002",
    "fragments together over the limit, 0203010203 0003040506 8002ffff, 1009",
  })
  void refusesBrokenMessages(String name, String frames, int code) throws Exception {
    WebSocketMessageAssembler assembler = new WebSocketMessageAssembler(7);
    WebSocketFrameReader reader =
        new WebSocketFrameReader(
            new ByteArrayInputStream(HEX.parseHex(frames.replace(" ", ""))), 1024);
    String[] parts = frames.split(" ");
    for (int i = 0; i < parts.length - 1; i++) {
      assembler.accept(reader.next());
    }
    WebSocketProtocolException e =
        assertThrows(WebSocketProtocolException.class, () -> assembler.accept(reader.next()));
    assertEquals(code, e.closeCode(), e.getMessage());
  }

  @Test
  void textThatIsNotUtf8IsA1007() {
    WebSocketProtocolException e =
        assertThrows(
            WebSocketProtocolException.class,
            () -> WebSocketMessageAssembler.text(HEX.parseHex("48c328")));
    assertEquals(WebSocketFrame.INVALID_PAYLOAD, e.closeCode());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "no body, '', 1005, ''",
    "normal closure, 03e8, 1000, ''",
    "going away with a reason, 03e9627965, 1001, bye",
    "private code, 0fa0, 4000, ''",
  })
  void parsesCloseBodies(String name, String body, int code, String reason) throws Exception {
    WebSocketClose close = WebSocketClose.parse(HEX.parseHex(body));
    assertEquals(code, close.code());
    assertEquals(reason, close.reason());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "one byte, 03, 1002",
    "code 999, 03e7, 1002",
    "reserved 1004, 03ec, 1002",
    "local-only 1005, 03ed, 1002",
    "local-only 1006, 03ee, 1002",
    "TLS failure 1015, 03f7, 1002",
    "unassigned 2999, 0bb7, 1002",
    "code 5000, 1388, 1002",
    "reason not UTF-8, 03e8c328, 1007",
  })
  void refusesBrokenCloseBodies(String name, String body, int code) {
    WebSocketProtocolException e =
        assertThrows(
            WebSocketProtocolException.class, () -> WebSocketClose.parse(HEX.parseHex(body)));
    assertEquals(code, e.closeCode(), e.getMessage());
  }

  @Test
  void closeBodyCarriesTheCodeAndFitsAControlFrame() throws Exception {
    assertEquals("03e8", HEX.formatHex(WebSocketClose.body(1000, "")));
    assertEquals("03e9627965", HEX.formatHex(WebSocketClose.body(1001, "bye")));
    char[] longReason = new char[300];
    Arrays.fill(longReason, 'x');
    byte[] body = WebSocketClose.body(1000, new String(longReason));
    assertEquals(125, body.length);
    assertEquals(1000, WebSocketClose.parse(body).code());
    // 62 two-byte characters: 124 bytes do not fit, the cut falls between characters.
    byte[] accented = WebSocketClose.body(1000, "\u00e9".repeat(62));
    assertEquals(2 + 122, accented.length);
    assertEquals("\u00e9".repeat(61), WebSocketClose.parse(accented).reason());
  }
}
