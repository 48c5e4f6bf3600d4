package io.clusterwatch.agent.host;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@link KeptOpenAttribute}s of one owner (an InfiniBand device, say), opened through it and
 * closed together, also when opening a later one fails. Not thread-safe.
 */
public final class KeptOpenFiles implements Closeable {
  private final List<KeptOpenAttribute> files = new ArrayList<>();

  public KeptOpenFiles() {}

  /** {@code file} opened and kept; empty when it does not exist. */
  public Optional<KeptOpenAttribute> open(Path file) throws IOException {
    Optional<KeptOpenAttribute> opened = KeptOpenAttribute.open(file);
    opened.ifPresent(files::add);
    return opened;
  }

  /**
   * Like {@link #open}, but also empty when the kernel refuses to open it (EACCES), as {@link
   * SysfsFiles#readTrimmedIfReadable} treats such a file.
   */
  public Optional<KeptOpenAttribute> openIfReadable(Path file) throws IOException {
    try {
      return open(file);
    } catch (IOException e) {
      if (SysfsFiles.isRefusedRead(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** How many files are open. */
  public int size() {
    return files.size();
  }

  /** Closes every file; a failing close does not keep the others open. */
  @Override
  public void close() {
    for (KeptOpenAttribute file : files) {
      try {
        file.close();
      } catch (IOException e) {
        // A read-only descriptor has nothing to flush: the descriptor is released all the same.
      }
    }
    files.clear();
  }
}
