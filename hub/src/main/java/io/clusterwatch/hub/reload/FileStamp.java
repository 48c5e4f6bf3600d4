package io.clusterwatch.hub.reload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code stat} says of a file: enough to notice that a renewal job replaced or rewrote it.
 * Symbolic links are followed (certbot's live/ directory links into archive/).
 *
 * @param modifiedNanos last modification, nanoseconds since the epoch; -1 when the file is missing
 * @param size bytes; -1 when the file is missing
 * @param fileKey the inode (device and number) where the file system has one, else null
 */
public record FileStamp(long modifiedNanos, long size, Object fileKey) {
  private static final FileStamp MISSING = new FileStamp(-1, -1, null);

  /** The stamp of {@code file} now. */
  public static FileStamp of(Path file) {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      long nanos = a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS);
      return new FileStamp(nanos, a.size(), a.fileKey());
    } catch (IOException e) {
      return MISSING;
    }
  }

  /** The stamps of {@code files}, in order. */
  public static List<FileStamp> of(List<Path> files) {
    List<FileStamp> stamps = new ArrayList<>(files.size());
    for (Path f : files) {
      stamps.add(of(f));
    }
    return stamps;
  }
}
