package io.clusterwatch.hub.remotewrite;

import io.clusterwatch.hub.datadir.DataDirectoryException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One endpoint's durable read position in the write-ahead log: {@code
 * <data>/remote_write/<name>.position}, one line {@code segment <start> offset <bytes>} (the
 * segment file's name without {@code .wal}, and the byte offset in it; their sum is the log
 * position). Everything in the log before it has been acknowledged by the endpoint. Written whole
 * to a temporary file, fsynced, then renamed over the old one, so a crash leaves the old position
 * or the new one, never a torn one.
 */
final class PositionFile {
  static final String DIRECTORY = "remote_write";
  static final String SUFFIX = ".position";
  private static final Pattern LINE = Pattern.compile("segment (\\d{1,19}) offset (\\d{1,19})\\s*");

  private final Path file;

  PositionFile(Path file) {
    this.file = file;
  }

  /**
   * The position file of endpoint {@code name} under {@code dataRoot}; characters other than
   * letters, digits, {@code .}, {@code _} and {@code -} become {@code _}.
   */
  static PositionFile of(Path dataRoot, String name) {
    return new PositionFile(dataRoot.resolve(DIRECTORY).resolve(fileName(name)));
  }

  static String fileName(String endpointName) {
    return endpointName.replaceAll("[^A-Za-z0-9._-]", "_") + SUFFIX;
  }

  Path path() {
    return file;
  }

  /**
   * The saved log position; empty when there is no file yet.
   *
   * @throws DataDirectoryException when the file cannot be read or does not hold a position
   */
  OptionalLong read() {
    if (!Files.exists(file)) {
      return OptionalLong.empty();
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new DataDirectoryException(
          "remote write position " + file + " cannot be read: " + e.getMessage(), e);
    }
    Matcher m = LINE.matcher(text);
    if (!m.matches()) {
      throw new DataDirectoryException(
          "remote write position "
              + file
              + " does not read 'segment <number> offset <number>' but '"
              + text.strip()
              + "'; delete it to start this endpoint at the end of the log");
    }
    try {
      return OptionalLong.of(Math.addExact(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))));
    } catch (NumberFormatException | ArithmeticException e) {
      throw new DataDirectoryException(
          "remote write position " + file + " holds a number too large: '" + text.strip() + "'");
    }
  }

  /** Saves {@code position}, inside the segment starting at {@code segmentStart}. */
  void write(long segmentStart, long position) throws IOException {
    if (segmentStart > position || segmentStart < 0) {
      throw new IllegalArgumentException(
          "position " + position + " is not in a segment starting at " + segmentStart);
    }
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    byte[] line =
        String.format("segment %016d offset %d%n", segmentStart, position - segmentStart)
            .getBytes(StandardCharsets.UTF_8);
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.wrap(line);
      while (b.hasRemaining()) {
        ch.write(b);
      }
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
