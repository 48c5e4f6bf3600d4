package io.clusterwatch.agent.expose;

import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Gzip (RFC 1952) at zlib's fastest level with one {@link Deflater} kept for the agent's life,
 * instead of a {@code GZIPOutputStream} per tick, which sets up and frees zlib's state (some 256 KB
 * of native memory) every time. The bytes are those of {@code GZIPOutputStream} at {@link
 * Deflater#BEST_SPEED}: its header (no name, no time, OS 255 "unknown"), the raw deflate stream,
 * then CRC-32 and length, little-endian.
 *
 * <p>One lives as long as the exposition; the deflater's cleaner frees zlib's state after that.
 *
 * <p>Level 1 rather than the default 6: on the agent's 37 KB text (393 series) 135 to 167 us per
 * tick instead of 550 to 660 us, for 6.3 KB instead of 5.3 KB (docs/benchmarks/agent-footprint.md);
 * a scrape is made once a tick, usually over a LAN.
 */
final class FastestGzip {
  private static final byte[] HEADER = {0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, -1};
  private static final int TRAILER = 8;

  private final Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
  private final CRC32 crc = new CRC32();
  private byte[] buffer = new byte[16 * 1024];

  /** {@code text} gzipped, in a new array. */
  synchronized byte[] gzip(byte[] text) {
    deflater.reset();
    deflater.setInput(text);
    deflater.finish();
    crc.reset();
    crc.update(text);
    System.arraycopy(HEADER, 0, buffer, 0, HEADER.length);
    int n = HEADER.length;
    while (!deflater.finished()) {
      if (n == buffer.length) {
        buffer = Arrays.copyOf(buffer, buffer.length * 2);
      }
      n += deflater.deflate(buffer, n, buffer.length - n);
    }
    if (n + TRAILER > buffer.length) {
      buffer = Arrays.copyOf(buffer, n + TRAILER);
    }
    n = writeIntLe(buffer, n, (int) crc.getValue());
    n = writeIntLe(buffer, n, text.length); // ISIZE: the length modulo 2^32
    return Arrays.copyOf(buffer, n);
  }

  private static int writeIntLe(byte[] b, int at, int v) {
    b[at] = (byte) v;
    b[at + 1] = (byte) (v >>> 8);
    b[at + 2] = (byte) (v >>> 16);
    b[at + 3] = (byte) (v >>> 24);
    return at + 4;
  }
}
