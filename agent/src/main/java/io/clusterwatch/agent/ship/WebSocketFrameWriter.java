package io.clusterwatch.agent.ship;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Random;

/**
 * Writes client frames (RFC 6455 section 5.2): no extensions, masked with a fresh 4-byte key
 * (section 5.3: a client masks every frame) unless the caller asks for an unmasked frame, which
 * only a hub that offered to read them gets (protocol/README.md, "Masking"); lengths in the 7-, 16-
 * or 64-bit form. A data message longer than the frame limit goes out in fragments (section 5.4),
 * as the JDK's client does with its 16 KiB buffer: servers bound the frame size (Vert.x: 64 KiB by
 * default) more tightly than the message size. Not thread-safe: the connection serialises writes.
 */
final class WebSocketFrameWriter {
  private static final int MAX_HEADER = 14;

  /** Largest payload per frame. */
  static final int MAX_FRAME_PAYLOAD = 16 * 1024;

  private final OutputStream out;
  private final Random maskSource;
  private final byte[] header = new byte[MAX_HEADER];
  private final byte[] mask = new byte[4];
  private byte[] scratch = new byte[256];

  /** {@code maskSource} should be a SecureRandom on a real socket (section 10.3). */
  WebSocketFrameWriter(OutputStream out, Random maskSource) {
    this.out = out;
    this.maskSource = maskSource;
  }

  /** Writes one whole message (in fragments when long) or one control frame, and flushes. */
  void write(int opcode, byte[] payload, int offset, int length, boolean masked)
      throws IOException {
    if ((opcode & 0x8) != 0 && length > 125) {
      throw new IllegalArgumentException("control frame payload over 125 bytes: " + length);
    }
    int done = 0;
    do {
      int chunk = Math.min(MAX_FRAME_PAYLOAD, length - done);
      boolean fin = done + chunk == length;
      frame(
          done == 0 ? opcode : WebSocketFrame.CONTINUATION,
          fin,
          payload,
          offset + done,
          chunk,
          masked);
      done += chunk;
    } while (done < length);
    out.flush();
  }

  private void frame(
      int opcode, boolean fin, byte[] payload, int offset, int length, boolean masked)
      throws IOException {
    int maskBit = masked ? 0x80 : 0;
    int h = 0;
    header[h++] = (byte) ((fin ? 0x80 : 0) | opcode);
    if (length <= 125) {
      header[h++] = (byte) (maskBit | length);
    } else if (length <= 0xFFFF) {
      header[h++] = (byte) (maskBit | 126);
      header[h++] = (byte) (length >>> 8);
      header[h++] = (byte) length;
    } else {
      header[h++] = (byte) (maskBit | 127);
      long len = length;
      for (int shift = 56; shift >= 0; shift -= 8) {
        header[h++] = (byte) (len >>> shift);
      }
    }
    if (!masked) {
      out.write(header, 0, h);
      out.write(payload, offset, length);
      return;
    }
    maskSource.nextBytes(mask);
    System.arraycopy(mask, 0, header, h, 4);
    h += 4;
    out.write(header, 0, h);
    if (scratch.length < length) {
      scratch = new byte[Math.max(length, scratch.length * 2)];
    }
    for (int i = 0; i < length; i++) {
      scratch[i] = (byte) (payload[offset + i] ^ mask[i & 3]);
    }
    out.write(scratch, 0, length);
  }
}
