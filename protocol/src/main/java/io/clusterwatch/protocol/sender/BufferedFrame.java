package io.clusterwatch.protocol.sender;

import io.clusterwatch.protocol.SeriesTable;
import java.nio.ByteBuffer;

/**
 * An encoded data frame waiting for its acknowledgement, with the series table it was encoded
 * against. The sequence number lives inside {@code bytes} (offset 8) so that it can be moved on
 * without re-encoding.
 */
public final class BufferedFrame {
  private static final int SEQUENCE_OFFSET = 8;

  private final SeriesTable table;
  private final byte[] bytes;
  private long sequence;

  public BufferedFrame(long sequence, SeriesTable table, byte[] bytes) {
    this.sequence = sequence;
    this.table = table;
    this.bytes = bytes;
  }

  public long sequence() {
    return sequence;
  }

  public SeriesTable table() {
    return table;
  }

  public int length() {
    return bytes.length;
  }

  /** The encoded frame itself, not a copy: senders only read it. */
  public byte[] payload() {
    return bytes;
  }

  /** Gives the frame a new sequence number (big-endian u64 at offset 8 of the frame). */
  public void renumber(long newSequence) {
    ByteBuffer.wrap(bytes).putLong(SEQUENCE_OFFSET, newSequence);
    sequence = newSequence;
  }
}
