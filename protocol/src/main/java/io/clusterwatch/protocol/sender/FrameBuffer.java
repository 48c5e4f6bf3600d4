package io.clusterwatch.protocol.sender;

/**
 * The resend buffer: unacknowledged frames in sequence order, bounded by a frame count and a byte
 * count. When either bound would be passed, the oldest frames go first (live telemetry: the newest
 * data matters most) and are counted. Not thread-safe; its owner guards it.
 */
public final class FrameBuffer {
  private final BufferedFrame[] ring;
  private final long maxBytes;
  private int head;
  private int size;
  private long bytes;

  public FrameBuffer(int maxFrames, long maxBytes) {
    this.ring = new BufferedFrame[maxFrames];
    this.maxBytes = maxBytes;
  }

  /**
   * Appends a frame whose sequence number is higher than the newest one's.
   *
   * @return how many old frames were dropped to make room (the new frame itself counts as dropped
   *     when it alone is larger than the byte bound)
   */
  public int add(BufferedFrame frame) {
    if (frame.length() > maxBytes) {
      return 1;
    }
    int dropped = 0;
    while (size == ring.length || bytes + frame.length() > maxBytes) {
      removeOldest();
      dropped++;
    }
    ring[(head + size) % ring.length] = frame;
    size++;
    bytes += frame.length();
    return dropped;
  }

  /** Removes every frame with a sequence number up to {@code seq}; returns how many. */
  public int removeUpTo(long seq) {
    int removed = 0;
    while (size > 0 && ring[head].sequence() <= seq) {
      removeOldest();
      removed++;
    }
    return removed;
  }

  /** The buffered frame with this sequence number, or the oldest newer one, or null. */
  public BufferedFrame firstFrom(long seq) {
    // Sequence numbers increase from oldest to newest (a frame too large to buffer leaves a gap).
    int lo = 0;
    int hi = size;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (at(mid).sequence() < seq) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo < size ? at(lo) : null;
  }

  private BufferedFrame at(int i) {
    return ring[(head + i) % ring.length];
  }

  /** The oldest frame, or null when empty. */
  public BufferedFrame oldest() {
    return size == 0 ? null : ring[head];
  }

  /**
   * Moves every frame on so that the oldest gets {@code firstSequence}, keeping them consecutive.
   */
  public void renumberFrom(long firstSequence) {
    for (int i = 0; i < size; i++) {
      ring[(head + i) % ring.length].renumber(firstSequence + i);
    }
  }

  public int size() {
    return size;
  }

  public long bytes() {
    return bytes;
  }

  private void removeOldest() {
    bytes -= ring[head].length();
    ring[head] = null;
    head = (head + 1) % ring.length;
    size--;
  }
}
