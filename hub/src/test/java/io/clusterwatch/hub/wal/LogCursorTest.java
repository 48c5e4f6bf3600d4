package io.clusterwatch.hub.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reader of the log while it is written, on real segment files. */
class LogCursorTest {
  private static final byte[] HOST = "node-a".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;
  private WriteAheadLog log;

  /** Every group commit rolls to a new segment when {@code segmentBytes} is 1. */
  private void open(long segmentBytes) throws IOException {
    log = new WriteAheadLog(dir, SegmentFiles.local(), Duration.ofHours(1), 1 << 20, segmentBytes);
    log.replayAndStart(r -> {});
  }

  @AfterEach
  void close() {
    if (log != null) {
      log.close();
    }
  }

  private long append(String body) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    return log.append(RecordType.JOB, HOST, b, 0, b.length);
  }

  private static List<String> readAll(LogCursor c, long limit) throws IOException {
    List<String> out = new ArrayList<>();
    for (LogRecord r = c.next(limit); r != null; r = c.next(limit)) {
      out.add(r.text() + "@" + r.position());
    }
    return out;
  }

  @Test
  void readsInOrderAcrossSegmentBoundaries() throws IOException {
    open(1);
    long p1 = append("one");
    long p2 = append("two");
    log.syncNow();
    long p3 = append("three");
    log.syncNow();
    long p4 = append("four");
    log.syncNow();
    assertEquals(3, Segment.list(dir).size(), "one segment per group commit");

    try (LogCursor c = new LogCursor(dir, 0)) {
      assertEquals(
          List.of("one@" + p1, "two@" + p2, "three@" + p3, "four@" + p4),
          readAll(c, log.durablePosition()));
      assertEquals(p4, c.position());
    }
  }

  @Test
  void neverReadsPastTheLimitAndPicksUpWhatIsWrittenLater() throws IOException {
    open(1 << 20);
    long p1 = append("one");
    long p2 = append("two");
    log.syncNow();
    try (LogCursor c = new LogCursor(dir, 0)) {
      assertEquals(List.of("one@" + p1), readAll(c, p1), "the limit stops it after the first");
      assertEquals(List.of("two@" + p2), readAll(c, log.durablePosition()));
      assertNull(c.next(log.durablePosition()), "nothing more yet");

      long p3 = append("three");
      assertNull(c.next(log.durablePosition()), "not durable, not read");
      log.syncNow();
      assertEquals(List.of("three@" + p3), readAll(c, log.durablePosition()));
    }
  }

  @Test
  void aCursorWaitingAtASegmentsEndMovesOnWhenTheLogRolls() throws IOException {
    open(1);
    long p1 = append("one");
    log.syncNow();
    try (LogCursor c = new LogCursor(dir, 0)) {
      assertEquals(List.of("one@" + p1), readAll(c, log.durablePosition()));
      long p2 = append("two");
      log.syncNow();
      long p3 = append("three");
      log.syncNow();
      assertEquals(List.of("two@" + p2, "three@" + p3), readAll(c, log.durablePosition()));
    }
  }

  @Test
  void startsAtAGivenPositionOrAtTheOldestSegmentLeftAfterACheckpoint() throws IOException {
    open(1);
    long p1 = append("one");
    log.syncNow();
    long p2 = append("two");
    log.syncNow();
    long p3 = append("three");
    log.syncNow();
    long p4 = append("four");
    log.syncNow();

    try (LogCursor c = new LogCursor(dir, p2)) {
      assertEquals(List.of("three@" + p3, "four@" + p4), readAll(c, log.durablePosition()));
    }
    log.checkpoint(p1); // deletes the segment of "one", which ends at p1
    log.syncNow(); // the checkpoint runs on the sync thread: wait for it
    assertEquals(p1, LogCursor.oldestSegment(dir));
    try (LogCursor c = new LogCursor(dir, 0)) {
      assertEquals(
          List.of("two@" + p2, "three@" + p3, "four@" + p4), readAll(c, log.durablePosition()));
    }
    assertEquals(p1, LogCursor.segmentOf(dir, p2 - 1));
    assertEquals(p2, LogCursor.nextSegmentAfter(dir, p2 - 1));
    assertEquals(-1, LogCursor.nextSegmentAfter(dir, p4));
  }

  @Test
  void aCorruptRecordEndsItsSegmentAndReadingGoesOnWithTheNext() throws IOException {
    open(1);
    long p1 = append("one");
    long p2 = append("two");
    log.syncNow();
    long p3 = append("three");
    log.syncNow();
    Path first = Segment.list(dir).get(0).file();
    byte[] bytes = Files.readAllBytes(first);
    int second = (int) p1; // the first segment starts at 0
    bytes[second + LogRecords.PREFIX + 5] ^= 1; // a byte inside "two"'s record
    Files.write(first, bytes);

    try (LogCursor c = new LogCursor(dir, 0)) {
      assertEquals(List.of("one@" + p1, "three@" + p3), readAll(c, log.durablePosition()));
    }
    assertEquals(bytes.length, Files.size(first), "the reader never cuts a segment");
    assertTrue(p2 < p3);
  }
}
