package io.clusterwatch.protocol.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.clusterwatch.protocol.SeriesTable;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameBufferTest {
  private static final SeriesTable TABLE = new SeriesTable(1, List.of());

  private static BufferedFrame frame(long seq, int length) {
    return new BufferedFrame(seq, TABLE, new byte[length]);
  }

  @Test
  void theFrameBoundDropsTheOldest() {
    FrameBuffer b = new FrameBuffer(3, 1000);
    assertEquals(0, b.add(frame(1, 10)));
    assertEquals(0, b.add(frame(2, 10)));
    assertEquals(0, b.add(frame(3, 10)));
    assertEquals(1, b.add(frame(4, 10)));
    assertEquals(3, b.size());
    assertEquals(2, b.oldest().sequence());
    assertEquals(30, b.bytes());
  }

  @Test
  void theByteBoundDropsAsManyOldFramesAsNeeded() {
    FrameBuffer b = new FrameBuffer(10, 100);
    b.add(frame(1, 40));
    b.add(frame(2, 40));
    assertEquals(2, b.add(frame(3, 70)));
    assertEquals(1, b.size());
    assertEquals(70, b.bytes());
    assertEquals(1, b.add(frame(4, 101)), "a frame larger than the bound is itself dropped");
    assertEquals(3, b.oldest().sequence());
  }

  @Test
  void acknowledgementsRemoveUpToTheSequence() {
    FrameBuffer b = new FrameBuffer(10, 1000);
    for (long s = 1; s <= 5; s++) {
      b.add(frame(s, 10));
    }
    assertEquals(3, b.removeUpTo(3));
    assertEquals(0, b.removeUpTo(2));
    assertEquals(4, b.oldest().sequence());
    assertEquals(20, b.bytes());
  }

  @Test
  void firstFromFindsTheFrameOrTheNextNewerOne() {
    FrameBuffer b = new FrameBuffer(4, 1000);
    for (long s : new long[] {3, 4, 6, 7, 8}) {
      b.add(frame(s, 10));
    }
    // 3 was dropped by the bound; 5 was never buffered.
    assertEquals(4, b.firstFrom(1).sequence());
    assertEquals(6, b.firstFrom(5).sequence());
    assertEquals(8, b.firstFrom(8).sequence());
    assertNull(b.firstFrom(9));
  }

  @Test
  void renumberingRewritesTheSequenceInsideTheFrame() {
    FrameBuffer b = new FrameBuffer(4, 1000);
    b.add(new BufferedFrame(1, TABLE, new byte[28]));
    b.add(new BufferedFrame(2, TABLE, new byte[28]));
    b.renumberFrom(1001);
    assertEquals(1001, b.firstFrom(0).sequence());
    assertEquals(1002, b.firstFrom(1002).sequence());
    assertEquals(1002, ByteBuffer.wrap(b.firstFrom(1002).payload()).getLong(8));
    ByteBuffer first = ByteBuffer.wrap(b.firstFrom(0).payload());
    assertEquals(1001, first.getLong(8));
  }
}
