package io.clusterwatch.hub.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.protocol.DataFrame;
import io.clusterwatch.protocol.DataFrameCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints on real files: what the store sealed leaves the log, hellos and jobs are carried. */
class CheckpointingLogTest {
  private static final Duration NEVER = Duration.ofHours(1);
  private static final long T0 = 1_700_000_040_000L; // a multiple of the 60 s block
  private static final byte[] A = "node-a".getBytes(StandardCharsets.UTF_8);
  private static final byte[] B = "node-b".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;
  private final List<String> replayed = new ArrayList<>();

  /** A log rolling a segment after every sync, so that each test step is its own segment. */
  private CheckpointingLog open(WriteAheadLog[] holder) throws IOException {
    WriteAheadLog log = new WriteAheadLog(dir, SegmentFiles.local(), NEVER, 1 << 20, 1);
    CheckpointingLog c = new CheckpointingLog(log, dir, 60_000);
    replayed.clear();
    c.replayCarried(r -> replayed.add("carried " + describe(r)));
    log.replayAndStart(
        r -> {
          replayed.add("log " + describe(r));
          c.replayed(r);
        });
    holder[0] = log;
    return c;
  }

  private static String describe(LogRecord r) {
    if (r.type() == RecordType.FRAME) {
      return "FRAME "
          + r.host()
          + " "
          + (DataFrameCodec.readHeader(r.body().duplicate()).timestampMs() - T0);
    }
    return r.type() + " " + r.host() + " " + r.text();
  }

  private static void text(
      CheckpointingLog log, WriteAheadLog wal, RecordType type, byte[] host, String body) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    log.append(type, host, b, 0, b.length);
    wal.syncNow();
  }

  private static void frame(
      CheckpointingLog log, WriteAheadLog wal, byte[] host, long seq, long offsetMs) {
    byte[] b = DataFrameCodec.encode(DataFrame.empty(1, seq, T0 + offsetMs, 0));
    log.append(RecordType.FRAME, host, b, 0, b.length);
    wal.syncNow();
  }

  private long segments() throws IOException {
    return Segment.list(dir).size();
  }

  @Test
  void sealedBlocksLeaveTheLogAndHellosSchemasAndJobsAreCarried() throws IOException {
    WriteAheadLog[] wal = new WriteAheadLog[1];
    CheckpointingLog log = open(wal);
    text(log, wal[0], RecordType.HELLO, A, "hello-a");
    text(log, wal[0], RecordType.SCHEMA, A, "schema-a2");
    frame(log, wal[0], A, 1, 1_000);
    text(log, wal[0], RecordType.HELLO, B, "hello-b");
    frame(log, wal[0], B, 1, 30_000);
    frame(log, wal[0], A, 2, 61_000);
    text(log, wal[0], RecordType.JOB, A, "job-started");
    frame(log, wal[0], A, 3, 121_000);
    assertEquals(8, segments());

    log.sealedThrough(T0 + 120_000);
    wal[0].syncNow(); // the checkpoint runs on the log's thread, before this
    assertEquals(1, segments(), "only the segment of the frame at 121 s is left");
    wal[0].close();

    open(wal);
    assertEquals(
        List.of(
            "carried HELLO node-a hello-a",
            "carried SCHEMA node-a schema-a2",
            "carried JOB node-a job-started",
            "carried HELLO node-b hello-b",
            "log FRAME node-a 121000"),
        sortedCarried(replayed));
    wal[0].close();
  }

  /** Hosts are carried in no fixed order; each host's records keep theirs. */
  private static List<String> sortedCarried(List<String> lines) {
    List<String> a = new ArrayList<>();
    List<String> b = new ArrayList<>();
    List<String> rest = new ArrayList<>();
    for (String l : lines) {
      (l.startsWith("carried") ? (l.contains("node-a") ? a : b) : rest).add(l);
    }
    a.addAll(b);
    a.addAll(rest);
    return a;
  }

  @Test
  void aHostStillInAnOldBlockHoldsTheCheckpointBack() throws IOException {
    WriteAheadLog[] wal = new WriteAheadLog[1];
    CheckpointingLog log = open(wal);
    text(log, wal[0], RecordType.HELLO, A, "hello-a");
    frame(log, wal[0], A, 1, 1_000);
    frame(log, wal[0], B, 1, 70_000); // node-b's block 1 is not sealed below
    frame(log, wal[0], A, 2, 130_000);
    log.sealedThrough(T0 + 60_000);
    wal[0].syncNow();
    assertEquals(
        2,
        segments(),
        "the hello and node-a's block 0 go; node-b's frame at 70 s and what follows stay");
    assertTrue(Files.exists(CheckpointingLog.carried(dir)));
    wal[0].close();
  }

  @Test
  void aHoldKeepsTheLogFromItsPositionAndCarriesOnlyWhatLiesBeforeIt() throws IOException {
    WriteAheadLog[] wal = new WriteAheadLog[1];
    CheckpointingLog log = open(wal);
    long[] held = {0};
    log.hold(() -> held[0]);
    text(log, wal[0], RecordType.HELLO, A, "hello-a");
    frame(log, wal[0], A, 1, 1_000);
    long afterFirstFrame = wal[0].durablePosition();
    text(log, wal[0], RecordType.SCHEMA, A, "schema-a2");
    frame(log, wal[0], A, 2, 61_000);
    frame(log, wal[0], A, 3, 121_000);
    assertEquals(5, segments());

    log.sealedThrough(T0 + 120_000);
    wal[0].syncNow();
    assertEquals(5, segments(), "held from position 0: nothing goes");

    held[0] = afterFirstFrame;
    log.holdsMoved();
    wal[0].syncNow();
    assertEquals(3, segments(), "the hello and the first frame go, the schema and later stay");
    List<String> carried = new ArrayList<>();
    CheckpointingLog.readCarried(dir, r -> carried.add(describe(r)));
    assertEquals(List.of("HELLO node-a hello-a"), carried, "the schema after the hold is kept");

    held[0] = Long.MAX_VALUE;
    log.holdsMoved();
    wal[0].syncNow();
    assertEquals(1, segments(), "released: the store's checkpoint applies in full");
    wal[0].close();
  }
}
