package io.clusterwatch.agent.host;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A procfs file ({@code /proc/stat}, {@code /proc/meminfo}, ...) kept open and read whole again
 * from offset 0 at each reading, as procps's {@code top} reads {@code /proc/stat}: {@code pread}s
 * until end of file (two for a file that fits the buffer) instead of {@link SysfsFiles#read}'s
 * {@code open}, {@code fstat}, reads and {@code close}. procfs makes the text anew for a read at
 * offset 0 ({@code seq_read_iter} starts over), and a short read is not the end of a procfs file,
 * so it reads on until a read returns nothing.
 *
 * <p>Opened on the first reading; opened again by path when a read fails, and every {@value
 * #REOPEN_EVERY} readings: procfs never replaces its files, but a tree that is not procfs (test
 * fixtures) may rename another file over one. A missing file fails the reading with {@link
 * java.nio.file.NoSuchFileException}, as {@link SysfsFiles#read}. One reader at a time.
 */
public final class KeptOpenProcFile implements Closeable {
  /** Readings between two openings by path, see the class comment. */
  public static final int REOPEN_EVERY = 60;

  private static final int FIRST_BUFFER_BYTES = 16 * 1024;

  private final Path path;
  private ByteBuffer buffer = ByteBuffer.allocateDirect(FIRST_BUFFER_BYTES);
  private byte[] bytes = new byte[FIRST_BUFFER_BYTES];
  private FileChannel channel;
  private int readingsSinceOpen;
  private boolean closed;

  public KeptOpenProcFile(Path path) {
    this.path = path;
  }

  public Path path() {
    return path;
  }

  /** The whole file now, as text. */
  public synchronized String read() throws IOException {
    if (closed) {
      throw new IOException(path + ": closed");
    }
    if (channel == null || ++readingsSinceOpen >= REOPEN_EVERY) {
      reopen();
    }
    try {
      return readWhole();
    } catch (IOException e) {
      // The file went away or was replaced: read it by path once more.
      reopen();
      return readWhole();
    }
  }

  private void reopen() throws IOException {
    closeChannel();
    readingsSinceOpen = 0;
    channel = FileChannel.open(path, StandardOpenOption.READ);
  }

  private String readWhole() throws IOException {
    buffer.clear();
    long position = 0;
    while (true) {
      if (!buffer.hasRemaining()) {
        ByteBuffer larger = ByteBuffer.allocateDirect(buffer.capacity() * 2);
        larger.put(buffer.flip());
        buffer = larger;
        bytes = new byte[buffer.capacity()];
      }
      int read = channel.read(buffer, position);
      if (read <= 0) {
        break;
      }
      position += read;
    }
    int length = buffer.position();
    buffer.get(0, bytes, 0, length);
    return new String(bytes, 0, length, StandardCharsets.UTF_8);
  }

  private void closeChannel() {
    if (channel != null) {
      FileChannel open = channel;
      channel = null;
      try {
        open.close();
      } catch (IOException e) {
        // A read-only descriptor has nothing to flush: it is released all the same.
      }
    }
  }

  /** Closes the file; a later {@link #read} fails. */
  @Override
  public synchronized void close() {
    closed = true;
    closeChannel();
  }
}
