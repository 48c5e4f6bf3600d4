package io.clusterwatch.agent.ship;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads server frames (RFC 6455 section 5.2) and checks what a client must: no reserved bits (no
 * extension was negotiated), no mask (section 5.1: a server never masks), a known opcode, control
 * frames unfragmented and at most 125 bytes, the 64-bit length's top bit clear, and no frame longer
 * than the limit.
 */
final class WebSocketFrameReader {
  private final InputStream in;
  private final int maxFrameLength;

  WebSocketFrameReader(InputStream in, int maxFrameLength) {
    this.in = in;
    this.maxFrameLength = maxFrameLength;
  }

  /** The next frame; EOFException when the stream ends, also in the middle of a frame. */
  WebSocketFrame next() throws IOException {
    int b0 = readByte();
    int b1 = readByte();
    boolean fin = (b0 & 0x80) != 0;
    if ((b0 & 0x70) != 0) {
      throw new WebSocketProtocolException(
          WebSocketFrame.PROTOCOL_ERROR,
          "reserved bits set in a frame header (0x" + Integer.toHexString(b0) + ")");
    }
    int opcode = b0 & 0x0F;
    if (opcode > 0x2 && opcode < 0x8 || opcode > 0xA) {
      throw new WebSocketProtocolException(
          WebSocketFrame.PROTOCOL_ERROR, "unknown opcode " + opcode);
    }
    if ((b1 & 0x80) != 0) {
      throw new WebSocketProtocolException(
          WebSocketFrame.PROTOCOL_ERROR, "masked frame from the server");
    }
    long length = b1 & 0x7F;
    if (length == 126) {
      length = (long) readByte() << 8 | readByte();
    } else if (length == 127) {
      length = 0;
      for (int i = 0; i < 8; i++) {
        length = length << 8 | readByte();
      }
      if (length < 0) {
        throw new WebSocketProtocolException(
            WebSocketFrame.PROTOCOL_ERROR, "64-bit frame length with the most significant bit set");
      }
    }
    boolean control = (opcode & 0x8) != 0;
    if (control && (!fin || length > 125)) {
      throw new WebSocketProtocolException(
          WebSocketFrame.PROTOCOL_ERROR,
          "control frame fragmented or longer than 125 bytes (opcode "
              + opcode
              + ", "
              + length
              + " bytes)");
    }
    if (length > maxFrameLength) {
      throw new WebSocketProtocolException(
          WebSocketFrame.MESSAGE_TOO_BIG,
          "frame of " + length + " bytes exceeds the limit of " + maxFrameLength);
    }
    byte[] payload = in.readNBytes((int) length);
    if (payload.length < length) {
      throw new EOFException("stream ended inside a frame of " + length + " bytes");
    }
    return new WebSocketFrame(fin, opcode, payload);
  }

  private int readByte() throws IOException {
    int b = in.read();
    if (b < 0) {
      throw new EOFException("stream ended inside a frame header");
    }
    return b;
  }
}
