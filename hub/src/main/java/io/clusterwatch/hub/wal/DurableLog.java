package io.clusterwatch.hub.wal;

import java.nio.ByteBuffer;

/**
 * Where ingest makes what it accepts durable before acknowledging it. Positions grow with every
 * append; everything up to {@link #durablePosition()} survives a crash.
 */
public interface DurableLog {
  /** Returned by {@link #append} when the log holds too much it could not yet write. */
  long REFUSED = -1;

  /**
   * Appends one record whose body is {@code body}'s remaining bytes (copied, the buffer's position
   * left as it is; never blocks on the disk).
   *
   * @return the log position just after the record, or {@link #REFUSED}
   */
  long append(RecordType type, byte[] host, ByteBuffer body);

  /** {@link #append(RecordType, byte[], ByteBuffer)} of {@code length} bytes of an array. */
  default long append(RecordType type, byte[] host, byte[] body, int offset, int length) {
    return append(type, host, ByteBuffer.wrap(body, offset, length));
  }

  /** Position after the newest appended record. */
  long appendedPosition();

  /** Position up to which everything appended is on disk (fsynced). */
  long durablePosition();

  /** {@code listener} hears every advance of the durable position, on the log's own thread. */
  void addListener(DurableListener listener);

  void removeListener(DurableListener listener);

  /** Told the new durable position after each successful group commit. */
  @FunctionalInterface
  interface DurableListener {
    void durable(long position);
  }

  /** No log (memory-only hub): everything counts as durable at once. */
  static DurableLog none() {
    return new DurableLog() {
      @Override
      public long append(RecordType type, byte[] host, ByteBuffer body) {
        return 0;
      }

      @Override
      public long appendedPosition() {
        return 0;
      }

      @Override
      public long durablePosition() {
        return 0;
      }

      @Override
      public void addListener(DurableListener listener) {}

      @Override
      public void removeListener(DurableListener listener) {}
    };
  }
}
