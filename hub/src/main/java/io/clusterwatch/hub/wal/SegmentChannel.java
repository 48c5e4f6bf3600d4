package io.clusterwatch.hub.wal;

import java.io.IOException;
import java.nio.ByteBuffer;

/** The few file operations the log needs from one segment file; tests inject failing ones. */
public interface SegmentChannel extends AutoCloseable {
  /** Writes all of {@code bytes} at the end. */
  void append(ByteBuffer bytes) throws IOException;

  /** fsync of the data (not necessarily the metadata). */
  void force() throws IOException;

  /** Cuts the file to {@code size} bytes (undoing a partly failed write). */
  void truncate(long size) throws IOException;

  @Override
  void close() throws IOException;
}
