package io.clusterwatch.agent.host;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * One sysfs attribute file kept open and read again from offset 0 at each reading: one {@code
 * pread} a reading instead of the {@code open}, {@code fstat}, {@code read}, {@code read} and
 * {@code close} of {@link SysfsFiles#readTrimmed} (procps's {@code top} keeps {@code /proc/stat}
 * open the same way). sysfs makes the attribute's text anew for a read at offset 0 ({@code
 * kernfs_fop_read_iter}: one {@code show} call, at most a page), so a single read of more than a
 * page returns all of it; a regular file rewritten in place is read anew too.
 *
 * <p>When the attribute's device goes away, reads fail ({@code ENODEV}): the owner then reopens by
 * path. A file replaced by renaming another over it is not seen through an open descriptor; sysfs
 * never does that. Not thread-safe: one reader at a time.
 */
public final class KeptOpenAttribute implements Closeable {
  private final Path path;
  private final FileChannel channel;

  private KeptOpenAttribute(Path path, FileChannel channel) {
    this.path = path;
    this.channel = channel;
  }

  /** The file opened for reading; empty when it does not exist. */
  public static Optional<KeptOpenAttribute> open(Path path) throws IOException {
    try {
      return Optional.of(
          new KeptOpenAttribute(path, FileChannel.open(path, StandardOpenOption.READ)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  public Path path() {
    return path;
  }

  /**
   * The attribute's text now, trimmed of surrounding whitespace and blank lines as {@link
   * SysfsFiles#readTrimmed}; an error naming the file when it is longer than an attribute can be.
   */
  public String readTrimmed(AttributeBuffer buffer) throws IOException {
    int length = channel.read(buffer.clear(), 0);
    return buffer.text(path, Math.max(length, 0));
  }

  /** {@code file}'s text as {@link #readTrimmed}; empty when the file was absent at open. */
  public static Optional<String> readTrimmed(
      Optional<KeptOpenAttribute> file, AttributeBuffer buffer) throws IOException {
    return file.isPresent() ? Optional.of(file.get().readTrimmed(buffer)) : Optional.empty();
  }

  /**
   * Like {@link #readTrimmed}, but empty when the kernel refuses the read (EACCES, EINVAL,
   * EOPNOTSUPP), as {@link SysfsFiles#readTrimmedIfReadable}.
   */
  public Optional<String> readTrimmedIfReadable(AttributeBuffer buffer) throws IOException {
    try {
      return Optional.of(readTrimmed(buffer));
    } catch (IOException e) {
      if (SysfsFiles.isRefusedRead(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
