package io.clusterwatch.agent.expose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** The kept deflater against the JDK's GZIPOutputStream at the same level, use after use. */
class FastestGzipTest {
  private final FastestGzip gzip = new FastestGzip();

  @Test
  void sameBytesAsGzipOutputStreamAtBestSpeedAndTheyUnzip() throws Exception {
    byte[] text = new TickTextWriter("gpu-node-07").render(ExpositionFixtures.tick());
    byte[] random = new byte[100_000]; // incompressible: the output outgrows the first buffer
    new SplittableRandom(3).nextBytes(random);
    for (byte[] input : new byte[][] {text, new byte[0], random, text, "x".getBytes()}) {
      byte[] ours = gzip.gzip(input);
      assertArrayEquals(jdkGzip(input), ours);
      try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(ours))) {
        assertArrayEquals(input, in.readAllBytes());
      }
    }
  }

  private static byte[] jdkGzip(byte[] input) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new BestSpeed(out)) {
      z.write(input);
    }
    return out.toByteArray();
  }

  private static final class BestSpeed extends GZIPOutputStream {
    BestSpeed(OutputStream out) throws IOException {
      super(out);
      def.setLevel(Deflater.BEST_SPEED);
    }
  }
}
