package io.clusterwatch.hub.wal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.Semaphore;

/**
 * Real segment files that fail on demand like a full disk: while failing, a write puts half of its
 * bytes on disk and then throws "No space left on device". Each failure releases one permit of
 * {@link #failures}, so tests await failures instead of sleeping.
 */
public final class FailingSegmentFiles implements SegmentFiles {
  private final SegmentFiles real = SegmentFiles.local();
  public final Semaphore failures = new Semaphore(0);
  private volatile boolean failing;

  public void failing(boolean on) {
    failing = on;
  }

  @Override
  public SegmentChannel open(Path file) throws IOException {
    SegmentChannel channel = real.open(file);
    return new SegmentChannel() {
      @Override
      public void append(ByteBuffer bytes) throws IOException {
        if (failing) {
          ByteBuffer half = bytes.duplicate();
          half.limit(half.position() + half.remaining() / 2);
          channel.append(half);
          failures.release();
          throw new IOException("No space left on device");
        }
        channel.append(bytes);
      }

      @Override
      public void force() throws IOException {
        channel.force();
      }

      @Override
      public void truncate(long size) throws IOException {
        channel.truncate(size);
      }

      @Override
      public void close() throws IOException {
        channel.close();
      }
    };
  }
}
