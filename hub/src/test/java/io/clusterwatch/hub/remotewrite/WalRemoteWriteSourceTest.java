package io.clusterwatch.hub.remotewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.common.config.ByteSize;
import io.clusterwatch.hub.jobs.JobRegistry;
import io.clusterwatch.hub.support.TestTables;
import io.clusterwatch.hub.wal.CheckpointingLog;
import io.clusterwatch.hub.wal.RecordType;
import io.clusterwatch.hub.wal.SegmentFiles;
import io.clusterwatch.hub.wal.WriteAheadLog;
import io.clusterwatch.protocol.message.ControlMessageCodec;
import io.clusterwatch.protocol.message.Schema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One endpoint's log reader on a real write-ahead log whose every group commit is its own segment,
 * the records written as ingest writes them.
 */
@Timeout(30)
class WalRemoteWriteSourceTest {
  static final long T0 = 1_764_072_000_000L; // a multiple of the 60 s block
  static final byte[] HOST = "node-a".getBytes(StandardCharsets.UTF_8);
  static final int SERIES = TestTables.node(1).size();

  @TempDir Path data;
  WriteAheadLog wal;
  CheckpointingLog log;
  WalRemoteWriteSource source;
  final Semaphore available = new Semaphore(0);

  void openLog() throws Exception {
    Path dir = data.resolve("wal");
    wal = new WriteAheadLog(dir, SegmentFiles.local(), Duration.ofHours(1), 1 << 20, 1);
    log = new CheckpointingLog(wal, dir, 60_000);
    log.replayCarried(r -> {});
    wal.replayAndStart(log::replayed);
  }

  @AfterEach
  void close() {
    if (source != null) {
      source.close();
    }
    if (wal != null) {
      wal.close();
    }
  }

  /** A hello as ingest logs it: agent id, last acknowledged sequence, schema JSON. */
  void hello() {
    byte[] body =
        ("agent-a\n0\n" + new ControlMessageCodec().encode(new Schema(TestTables.node(1))))
            .getBytes(StandardCharsets.UTF_8);
    log.append(RecordType.HELLO, HOST, body, 0, body.length);
    wal.syncNow();
  }

  /** Frame {@code seq} at {@code offsetMs} after T0, in a segment of its own; its end position. */
  long frame(long seq, long offsetMs) {
    byte[] f = TestTables.nodeFrame(1, seq, T0 + offsetMs, 0.5, 0.25);
    long end = log.append(RecordType.FRAME, HOST, f, 0, f.length);
    wal.syncNow();
    return end;
  }

  WalRemoteWriteSource start(ByteSize maxWalLag) {
    RemoteWriteSettings settings =
        new RemoteWriteSettings(
            "http://127.0.0.1:1/api/v1/write",
            "test",
            null,
            null,
            null,
            null,
            null,
            new RemoteWriteSettings.QueueConfig(SERIES, 1, SERIES, null, null, null, maxWalLag),
            Map.of());
    source = new WalRemoteWriteSource(settings, log, data, new JobRegistry(10), Clock.systemUTC());
    source.onAvailable(available::release);
    source.start();
    return source;
  }

  /** Polls (one tick at a time: capacity is one frame) until {@code ticks} were read. */
  List<TickEntry> read(int ticks) throws InterruptedException {
    List<TickEntry> out = new ArrayList<>();
    while (out.size() < ticks) {
      RemoteWriteSource.Batch b = source.poll(SERIES);
      if (b.isEmpty()) {
        assertTrue(available.tryAcquire(10, TimeUnit.SECONDS), "read " + out.size() + " ticks");
        continue;
      }
      out.addAll(b.entries());
    }
    return out;
  }

  @Test
  void readsFromTheSavedPositionAcrossSegmentsAndNamesTheSeries() throws Exception {
    openLog();
    hello();
    frame(1, 1_000);
    long afterSecond = frame(2, 2_000);
    frame(3, 3_000);
    frame(4, 4_000);
    PositionFile.of(data, "test").write(0, afterSecond);

    start(ByteSize.ofGiB(1));
    List<TickEntry> ticks = read(2);

    assertEquals(
        List.of(T0 + 3_000, T0 + 4_000), ticks.stream().map(TickEntry::timestampMs).toList());
    assertEquals(SERIES, ticks.get(0).size());
    PromSeries util0 = ticks.get(0).series()[TestTables.UTIL0];
    assertEquals("DCGM_FI_DEV_GPU_UTIL", util0.name());
    assertEquals("node-a", util0.get("Hostname"));
    assertEquals(TestTables.GPU0, util0.get("UUID"));
    assertEquals(50.0, ticks.get(0).values()[TestTables.UTIL0], "ratio 0.5 as dcgm's percent");
    assertEquals(0, source.droppedSamples());
  }

  @Test
  void afterACheckpointTheCarriedHelloStillNamesTheFramesLeft() throws Exception {
    openLog();
    hello();
    frame(1, 1_000);
    frame(2, 2_000);
    frame(3, 61_000); // block 1: the checkpoint through 60 s keeps it
    log.sealedThrough(T0 + 60_000);
    wal.syncNow();
    try (var files = Files.list(data.resolve("wal"))) {
      assertEquals(
          2,
          files.count(),
          "carried.log and the last frame's segment: the hello's segment is gone");
    }
    PositionFile.of(data, "test").write(0, 0);

    start(ByteSize.ofGiB(1));
    List<TickEntry> ticks = read(1);

    assertEquals(T0 + 61_000, ticks.get(0).timestampMs());
    assertEquals("DCGM_FI_DEV_GPU_UTIL", ticks.get(0).series()[TestTables.UTIL0].name());
  }

  @Test
  void pastMaxWalLagTheOldestSegmentsAreReleasedAndCountedAsDropped() throws Exception {
    openLog();
    hello();
    long start = wal.durablePosition();
    long[] ends = new long[11];
    for (int s = 1; s <= 10; s++) {
      ends[s] = frame(s, s * 1000L);
    }
    long frameBytes = ends[2] - ends[1];
    PositionFile.of(data, "test").write(0, start);

    start(new ByteSize(3 * frameBytes)); // room for the newest three frames
    List<TickEntry> ticks = read(3);

    assertEquals(
        List.of(T0 + 8_000, T0 + 9_000, T0 + 10_000),
        ticks.stream().map(TickEntry::timestampMs).toList(),
        "the newest frames within max_wal_lag are still sent");
    assertEquals(7L * SERIES, source.droppedSamples(), "frames 1 to 7 released, all counted");
    assertTrue(
        source.saved() >= ends[7],
        "the saved position passed the released segments: " + source.saved());
    assertTrue(source.dropCause().contains("max_wal_lag"), source.dropCause());
  }
}
