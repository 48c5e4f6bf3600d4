package io.clusterwatch.hub.datadir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The hub's data directory, opened for one hub at a time: {@code FORMAT} holds the layout version
 * ({@code clusterwatch-store N}), {@code lock} is held with an OS file lock while the hub runs,
 * {@code wal/} holds the write-ahead log. A directory of a newer format, one that cannot be
 * written, or one locked by another hub is refused with a one-line {@link DataDirectoryException}.
 */
public final class DataDirectory implements AutoCloseable {
  /** Layout version written by this hub; bumped when a file format changes incompatibly. */
  public static final int FORMAT_VERSION = 1;

  static final String FORMAT_FILE = "FORMAT";
  static final String FORMAT_PREFIX = "clusterwatch-store ";

  private final Path root;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private DataDirectory(Path root, FileChannel lockChannel, FileLock lock) {
    this.root = root;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /** Creates (if needed), checks and locks {@code root}. */
  public static DataDirectory open(Path root) {
    Path dir = root.toAbsolutePath().normalize();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new DataDirectoryException(
          "data directory " + dir + " cannot be created: " + describe(e), e);
    }
    checkWritable(dir);
    checkFormat(dir);
    FileChannel channel = null;
    try {
      channel =
          FileChannel.open(
              dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        channel.close();
        throw new DataDirectoryException(
            "data directory "
                + dir
                + " is in use by another hub ("
                + dir.resolve("lock")
                + " is locked)");
      }
      Files.createDirectories(dir.resolve("wal"));
      return new DataDirectory(dir, channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new DataDirectoryException(
          "data directory " + dir + " cannot be locked: " + describe(e), e);
    } catch (java.nio.channels.OverlappingFileLockException e) {
      closeQuietly(channel);
      throw new DataDirectoryException(
          "data directory " + dir + " is in use by another hub in this process", e);
    }
  }

  private static void checkWritable(Path dir) {
    Path probe = dir.resolve(".write-probe");
    try {
      Files.write(probe, new byte[] {1});
      Files.delete(probe);
    } catch (IOException e) {
      throw new DataDirectoryException(
          "data directory " + dir + " is not writable: " + describe(e), e);
    }
  }

  private static void checkFormat(Path dir) {
    Path file = dir.resolve(FORMAT_FILE);
    try {
      if (!Files.exists(file)) {
        Files.writeString(file, FORMAT_PREFIX + FORMAT_VERSION + "\n", StandardCharsets.UTF_8);
        return;
      }
      String text = Files.readString(file, StandardCharsets.UTF_8).trim();
      if (!text.startsWith(FORMAT_PREFIX)) {
        throw new DataDirectoryException(
            "data directory "
                + dir
                + " is not a clusterwatch store: "
                + file
                + " reads '"
                + text
                + "'");
      }
      int version;
      try {
        version = Integer.parseInt(text.substring(FORMAT_PREFIX.length()).trim());
      } catch (NumberFormatException e) {
        throw new DataDirectoryException(
            "data directory "
                + dir
                + " has an unreadable format version: "
                + file
                + " reads '"
                + text
                + "'");
      }
      if (version > FORMAT_VERSION) {
        throw new DataDirectoryException(
            "data directory "
                + dir
                + " was written by a newer hub (format "
                + version
                + "; this hub reads up to "
                + FORMAT_VERSION
                + ")");
      }
    } catch (IOException e) {
      throw new DataDirectoryException(
          "data directory " + dir + " cannot be read: " + describe(e), e);
    }
  }

  private static String describe(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied (" + e.getMessage() + ")";
    }
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // already failing; the first error is the one reported
      }
    }
  }

  public Path root() {
    return root;
  }

  /** The write-ahead log's segments. */
  public Path walDirectory() {
    return root.resolve("wal");
  }

  /** Releases the lock. */
  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException ignored) {
      // the lock goes with the channel anyway
    }
    closeQuietly(lockChannel);
  }
}
