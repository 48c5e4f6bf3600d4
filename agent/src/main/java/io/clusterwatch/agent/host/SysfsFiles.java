package io.clusterwatch.agent.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Reads small procfs/sysfs files and lists sysfs directories. Holds no state. */
public final class SysfsFiles {
  /** sysfs attributes are at most a page; anything longer is not an attribute. */
  static final int MAX_ATTRIBUTE_BYTES = 64 * 1024;

  private SysfsFiles() {}

  /**
   * The whole file as text; {@link NoSuchFileException} (an IOException naming it) when missing.
   */
  public static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  /**
   * A one-value attribute, trimmed of surrounding whitespace and blank lines (some drivers add an
   * extra newline, some none); empty when the file does not exist.
   */
  public static Optional<String> readTrimmed(Path file) throws IOException {
    try {
      byte[] bytes = Files.readAllBytes(file);
      if (bytes.length > MAX_ATTRIBUTE_BYTES) {
        throw new HostFileFormatException(
            file + ": " + bytes.length + " bytes is too long for an attribute");
      }
      return Optional.of(new String(bytes, StandardCharsets.UTF_8).strip());
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /**
   * Like {@link #readTrimmed(Path)}, but also empty when the kernel refuses the read: permission
   * denied (EACCES) or a driver that cannot supply this attribute (EINVAL, EOPNOTSUPP).
   * node_exporter treats InfiniBand counter files the same way; any other read error is thrown.
   */
  public static Optional<String> readTrimmedIfReadable(Path file) throws IOException {
    try {
      return readTrimmed(file);
    } catch (IOException e) {
      if (isRefusedRead(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * Whether {@code e} is the kernel refusing to open or read an attribute: EACCES (at open, or at
   * read time from a driver), EINVAL or EOPNOTSUPP. The JDK reports a failed read by the C
   * library's message only.
   */
  static boolean isRefusedRead(IOException e) {
    if (e instanceof AccessDeniedException) {
      return true;
    }
    String message = e.getMessage();
    return "Invalid argument".equals(message)
        || "Operation not supported".equals(message)
        || "Permission denied".equals(message);
  }

  /** The names of a directory's entries, sorted; empty when the directory does not exist. */
  public static List<String> list(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    try (Stream<Path> entries = Files.list(dir)) {
      entries.forEach(p -> names.add(p.getFileName().toString()));
    } catch (NoSuchFileException e) {
      return List.of();
    }
    names.sort(null);
    return names;
  }
}
