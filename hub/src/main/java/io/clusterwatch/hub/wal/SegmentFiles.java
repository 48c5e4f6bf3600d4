package io.clusterwatch.hub.wal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Opens segment files for appending; the real one uses {@link FileChannel}. */
@FunctionalInterface
public interface SegmentFiles {
  SegmentChannel open(Path file) throws IOException;

  /** Plain files on the local filesystem. */
  static SegmentFiles local() {
    return file -> {
      FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      ch.position(ch.size());
      return new SegmentChannel() {
        @Override
        public void append(ByteBuffer bytes) throws IOException {
          while (bytes.hasRemaining()) {
            ch.write(bytes);
          }
        }

        @Override
        public void force() throws IOException {
          ch.force(false);
        }

        @Override
        public void truncate(long size) throws IOException {
          ch.truncate(size);
          ch.position(size);
        }

        @Override
        public void close() throws IOException {
          ch.close();
        }
      };
    };
  }
}
