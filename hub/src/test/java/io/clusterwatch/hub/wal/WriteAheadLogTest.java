package io.clusterwatch.hub.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log on real files: replay, torn tails, corrupt records, failing writes, checkpoints. */
class WriteAheadLogTest {
  /** Syncs only when a test asks, so that each test decides what is on disk. */
  private static final Duration NEVER = Duration.ofHours(1);

  private static final byte[] HOST = "node-a".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;

  private final List<String> replayed = new ArrayList<>();

  private WriteAheadLog open(SegmentFiles files, long maxUnsynced, long segmentBytes)
      throws IOException {
    WriteAheadLog log = new WriteAheadLog(dir, files, NEVER, maxUnsynced, segmentBytes);
    replayed.clear();
    log.replayAndStart(r -> replayed.add(r.type() + " " + r.host() + " " + r.text()));
    return log;
  }

  private WriteAheadLog open() throws IOException {
    return open(SegmentFiles.local(), 1 << 20, 1 << 20);
  }

  private static long append(WriteAheadLog log, String body) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    return log.append(RecordType.FRAME, HOST, b, 0, b.length);
  }

  private Path onlySegment() throws IOException {
    List<Segment> segments = Segment.list(dir);
    assertEquals(1, segments.size(), "segments: " + segments);
    return segments.get(0).file();
  }

  @Test
  void recordsAreDurableAfterASyncAndReplayInOrder() throws IOException {
    WriteAheadLog log = open();
    long first = append(log, "one");
    long second = append(log, "two");
    assertTrue(second > first);
    assertEquals(0, log.durablePosition(), "nothing is durable before a sync");
    List<Long> heard = new ArrayList<>();
    log.addListener(heard::add);
    log.syncNow();
    assertEquals(second, log.durablePosition());
    assertEquals(List.of(second), heard);
    log.close();

    WriteAheadLog again = open();
    assertEquals(List.of("FRAME node-a one", "FRAME node-a two"), replayed);
    assertEquals(second, again.appendedPosition(), "positions go on where the log ended");
    append(again, "three");
    again.close();
    open().close();
    assertEquals(List.of("FRAME node-a one", "FRAME node-a two", "FRAME node-a three"), replayed);
  }

  @Test
  void aTornLastRecordIsCutAtTheLastGoodRecord() throws IOException {
    WriteAheadLog log = open();
    append(log, "one");
    append(log, "two");
    log.close();
    Path segment = onlySegment();
    long good = Files.size(segment);
    // a power cut in the middle of the third record: its header and part of its body
    Files.write(segment, new byte[] {0, 0, 0, 40, 1, 2, 3, 4, 3, 0}, StandardOpenOption.APPEND);

    WriteAheadLog again = open();
    assertEquals(List.of("FRAME node-a one", "FRAME node-a two"), replayed);
    assertEquals(good, Files.size(segment), "the torn bytes are cut off the file");
    append(again, "three");
    again.close();
    open().close();
    assertEquals(
        List.of("FRAME node-a one", "FRAME node-a two", "FRAME node-a three"),
        replayed,
        "a record appended after the cut replays, and the torn one never does");
  }

  @Test
  void aCorruptRecordEndsItsSegmentWithoutFailingTheReplay() throws IOException {
    WriteAheadLog log = open();
    append(log, "one");
    long end = append(log, "two");
    append(log, "three");
    log.close();
    Path segment = onlySegment();
    byte[] bytes = Files.readAllBytes(segment);
    bytes[(int) end - 2] ^= 0x55; // inside the body of "two": its CRC no longer matches
    Files.write(segment, bytes);

    open().close();
    assertEquals(List.of("FRAME node-a one"), replayed);
  }

  @Test
  void aFailingDiskKeepsTheBytesStopsTheDurablePositionAndResumesByItself() throws Exception {
    FailingSegmentFiles disk = new FailingSegmentFiles();
    WriteAheadLog log = open(disk, 1 << 20, 1 << 20);
    append(log, "one");
    log.syncNow();
    long durable = log.durablePosition();
    disk.failing(true);
    long end = append(log, "two");
    log.syncNow();
    log.syncNow();
    assertTrue(disk.failures.tryAcquire(2, 5, TimeUnit.SECONDS));
    assertEquals(durable, log.durablePosition(), "nothing new is durable while writes fail");
    assertEquals(2, log.writeErrors());
    assertTrue(log.failing());
    assertTrue(log.unsyncedBytes() > 0, "the record waits in memory");

    disk.failing(false);
    log.syncNow();
    assertEquals(end, log.durablePosition());
    assertFalse(log.failing());
    assertEquals(0, log.unsyncedBytes());
    log.close();
    open().close();
    assertEquals(
        List.of("FRAME node-a one", "FRAME node-a two"),
        replayed,
        "the half-written attempts were cut: each record is on disk exactly once");
  }

  @Test
  void appendsAreRefusedWhileTooMuchWaitsUnwritten() throws IOException {
    FailingSegmentFiles disk = new FailingSegmentFiles();
    WriteAheadLog log = open(disk, 64, 1 << 20);
    disk.failing(true);
    assertTrue(append(log, "first fits") > 0);
    assertEquals(DurableLog.REFUSED, append(log, "x".repeat(60)));
    disk.failing(false);
    log.syncNow();
    assertTrue(append(log, "x".repeat(40)) > 0, "accepted again once the backlog is written");
    log.close();
  }

  @Test
  void aCheckpointDeletesWholeSegmentsBeforeIt() throws IOException {
    WriteAheadLog log = open(SegmentFiles.local(), 1 << 20, 30);
    long first = append(log, "a-record-of-some-length");
    log.syncNow();
    append(log, "b-record-of-some-length");
    log.syncNow();
    append(log, "c-record-of-some-length");
    log.syncNow();
    assertEquals(3, Segment.list(dir).size(), "each sync filled a 30-byte segment");
    log.checkpoint(first);
    log.syncNow();
    assertEquals(2, Segment.list(dir).size());
    log.close();
    open().close();
    assertEquals(
        List.of("FRAME node-a b-record-of-some-length", "FRAME node-a c-record-of-some-length"),
        replayed);
  }
}
