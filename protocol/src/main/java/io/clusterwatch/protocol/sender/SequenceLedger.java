package io.clusterwatch.protocol.sender;

/**
 * Sequence numbers of one agent id and what the hub holds of them: hands out numbers (from 1, never
 * repeated), empties the resend buffer on acks, and reconciles with the hub's welcome. Not
 * thread-safe: its owner calls it under its lock.
 */
public final class SequenceLedger {
  private final FrameBuffer buffer;
  private long nextSeq = 1;
  private long lastAckedSeq;
  private long highestSentSeq;
  private long framesAcked;

  public SequenceLedger(FrameBuffer buffer) {
    this.buffer = buffer;
  }

  public long next() {
    return nextSeq++;
  }

  /** A frame was handed to a socket. */
  public void sent(long seq) {
    highestSentSeq = Math.max(highestSentSeq, seq);
  }

  /** The hub's cumulative ack: every frame up to {@code seq} is stored. */
  public void acked(long seq) {
    if (seq > lastAckedSeq) {
      framesAcked += buffer.removeUpTo(seq);
      lastAckedSeq = seq;
    }
  }

  /**
   * The hub's welcome says it holds frames up to {@code hubSeq}.
   *
   * @return true when the hub holds numbers this process never sent (an earlier run of the same
   *     agent id used them): every buffered frame was then moved past them
   */
  public boolean welcomed(long hubSeq) {
    // Frames of this process the hub holds: none past the highest number ever handed to a socket.
    framesAcked += buffer.removeUpTo(Math.min(hubSeq, highestSentSeq));
    boolean earlierRun = hubSeq > highestSentSeq;
    if (earlierRun) {
      // Every buffered frame is unsent; renumber them so that no number repeats within the id.
      buffer.renumberFrom(hubSeq + 1);
      nextSeq = buffer.size() > 0 ? hubSeq + 1 + buffer.size() : Math.max(nextSeq, hubSeq + 1);
    }
    lastAckedSeq = Math.max(lastAckedSeq, hubSeq);
    return earlierRun;
  }

  public long lastAckedSeq() {
    return lastAckedSeq;
  }

  public long framesAcked() {
    return framesAcked;
  }
}
