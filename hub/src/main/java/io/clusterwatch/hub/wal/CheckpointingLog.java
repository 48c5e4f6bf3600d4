package io.clusterwatch.hub.wal;

import io.clusterwatch.protocol.DataFrameCodec;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/**
 * The write-ahead log as ingest sees it, plus what its checkpoints need. It notes where each host's
 * frames of each store time block begin in the log, and the hello, schema and job records. When the
 * store reports that every block ending at or before a time is in chunk files, the log position of
 * the oldest frame not yet in them is the checkpoint: the hello, schema and job records before it
 * are first carried into {@code carried.log} (fsynced, renamed into place), then the segments
 * wholly before it are deleted. A restart replays {@code carried.log}, then the segments left.
 *
 * <p>Readers of the log other than replay (remote write) {@link #hold} the part they still need:
 * the checkpoint never passes the lowest held position, so the records carried and the segments
 * kept always let such a reader resume from its position.
 */
public final class CheckpointingLog implements DurableLog {
  private static final System.Logger LOG = System.getLogger(CheckpointingLog.class.getName());
  public static final String CARRIED = "carried.log";

  /** Most job records carried per host (the oldest go first). */
  static final int MAX_CARRIED_JOB_RECORDS = 10_000;

  private record Start(long block, long position) {}

  private record Kept(RecordType type, long position, byte[] body) {}

  /** Per host: where its blocks start in the log, and its records to carry. */
  private static final class Host {
    final byte[] name;
    final ArrayDeque<Start> blocks = new ArrayDeque<>();
    final List<Kept> records = new ArrayList<>();
    Kept carriedHello;
    Kept carriedSchema;
    final ArrayDeque<Kept> carriedJobs = new ArrayDeque<>();

    Host(byte[] name) {
      this.name = name;
    }
  }

  private final WriteAheadLog log;
  private final Path dir;
  private final long blockMs;
  private final Map<String, Host> hosts = new HashMap<>();
  private volatile long checkpoint = -1;
  private final List<LongSupplier> holds = new CopyOnWriteArrayList<>();
  private final Object checkpointing = new Object();
  private long sealedThroughMs = Long.MIN_VALUE;

  /**
   * @param dir the log's directory ({@code carried.log} lives there)
   * @param blockMs the store's block length
   */
  public CheckpointingLog(WriteAheadLog log, Path dir, long blockMs) {
    this.log = log;
    this.dir = dir;
    this.blockMs = blockMs;
    // a checkpoint inside the segment being written deletes nothing yet: try again after each
    // group commit, once later segments exist
    log.addListener(
        position -> {
          if (checkpoint > 0) {
            log.checkpoint(checkpoint);
          }
        });
  }

  /** The log's directory. */
  public Path directory() {
    return dir;
  }

  /**
   * Keeps the log from {@code neededFrom}'s position on (read at every checkpoint; {@link
   * Long#MAX_VALUE} holds nothing): no segment holding it is deleted and no record after it is
   * carried.
   */
  public void hold(LongSupplier neededFrom) {
    holds.add(neededFrom);
  }

  /** A hold moved forward: checkpoints again at once, as far as the store and the holds allow. */
  public void holdsMoved() {
    synchronized (checkpointing) {
      if (sealedThroughMs != Long.MIN_VALUE) {
        sealedThrough(sealedThroughMs);
      }
    }
  }

  private long heldFrom() {
    long from = Long.MAX_VALUE;
    for (LongSupplier h : holds) {
      from = Math.min(from, h.getAsLong());
    }
    return from;
  }

  /**
   * Reads the records carried by the last checkpoint in {@code dir} into {@code consumer}, without
   * noting them anywhere (for readers other than replay).
   */
  public static void readCarried(Path dir, java.util.function.Consumer<LogRecord> consumer)
      throws IOException {
    Path file = carried(dir);
    if (Files.exists(file)) {
      LogReplay.replay(List.of(new Segment(file, 0)), consumer);
    }
  }

  /** The records carried by the last checkpoint (replay them before the log). */
  public static Path carried(Path dir) {
    return dir.resolve(CARRIED);
  }

  /**
   * Replays {@code carried.log} (if any) into {@code consumer}, noting its records as older than
   * any log position.
   */
  public void replayCarried(java.util.function.Consumer<LogRecord> consumer) throws IOException {
    Path file = carried(dir);
    if (!Files.exists(file)) {
      return;
    }
    LogReplay.replay(
        List.of(new Segment(file, 0)),
        r -> {
          consumer.accept(r);
          noteReplayed(r, -1);
        });
  }

  /** Notes a record of the log read back at start. */
  public void replayed(LogRecord record) {
    noteReplayed(
        record,
        record.position()
            - LogRecords.size(
                record.host().getBytes(StandardCharsets.UTF_8).length, record.body().remaining()));
  }

  private synchronized void noteReplayed(LogRecord record, long start) {
    note(record.type(), record.host(), record.body(), start);
  }

  @Override
  public synchronized long append(RecordType type, byte[] host, ByteBuffer body) {
    int length = body.remaining();
    long end = log.append(type, host, body);
    if (end != REFUSED) {
      note(
          type,
          new String(host, StandardCharsets.UTF_8),
          body,
          end - LogRecords.size(host.length, length));
    }
    return end;
  }

  /** Notes a record of {@code body}'s remaining bytes, leaving its position as it is. */
  private void note(RecordType type, String hostName, ByteBuffer body, long start) {
    Host h = hosts.computeIfAbsent(hostName, n -> new Host(n.getBytes(StandardCharsets.UTF_8)));
    if (type == RecordType.FRAME) {
      long ts;
      try {
        ts = DataFrameCodec.readHeader(body).timestampMs();
      } catch (RuntimeException e) { // a frame ingest could not read either: no block to note
        return;
      }
      long block = Math.floorDiv(ts, blockMs);
      if (h.blocks.isEmpty() || h.blocks.peekLast().block() < block) {
        h.blocks.addLast(new Start(block, start));
      }
      return;
    }
    byte[] copy = new byte[body.remaining()];
    body.duplicate().get(copy);
    h.records.add(new Kept(type, start, copy));
  }

  /**
   * Every block ending at or before {@code throughMs} is in chunk files: carries the records before
   * the oldest frame not in them and deletes the segments wholly before it.
   */
  public void sealedThrough(long throughMs) {
    synchronized (checkpointing) {
      sealedThroughMs = Math.max(sealedThroughMs, throughMs);
      checkpointThrough(sealedThroughMs);
    }
  }

  private void checkpointThrough(long throughMs) {
    long position;
    List<byte[]> carried = new ArrayList<>();
    synchronized (this) {
      position = Math.min(log.appendedPosition(), heldFrom());
      for (Host h : hosts.values()) {
        while (!h.blocks.isEmpty() && (h.blocks.peekFirst().block() + 1) * blockMs <= throughMs) {
          h.blocks.pollFirst();
        }
        if (!h.blocks.isEmpty()) {
          position = Math.min(position, h.blocks.peekFirst().position());
        }
      }
      for (Map.Entry<String, Host> e : hosts.entrySet()) {
        Host h = e.getValue();
        Iterator<Kept> it = h.records.iterator();
        while (it.hasNext()) {
          Kept k = it.next();
          if (k.position() >= position) {
            break;
          }
          switch (k.type()) {
            case HELLO -> {
              h.carriedHello = k;
              h.carriedSchema = null;
            }
            case SCHEMA -> h.carriedSchema = k;
            case JOB -> {
              h.carriedJobs.addLast(k);
              if (h.carriedJobs.size() > MAX_CARRIED_JOB_RECORDS) {
                h.carriedJobs.pollFirst();
              }
            }
            default -> {}
          }
          it.remove();
        }
        if (h.carriedHello != null) {
          carried.add(record(RecordType.HELLO, h.name, h.carriedHello.body()));
          if (h.carriedSchema != null) {
            carried.add(record(RecordType.SCHEMA, h.name, h.carriedSchema.body()));
          }
          for (Kept k : h.carriedJobs) {
            carried.add(record(RecordType.JOB, h.name, k.body()));
          }
        }
      }
    }
    try {
      writeCarried(carried);
    } catch (IOException e) {
      LOG.log(
          Level.WARNING,
          "write-ahead log "
              + dir
              + ": cannot write "
              + CARRIED
              + " ("
              + e.getMessage()
              + "); no segment is deleted until it can");
      return;
    }
    checkpoint = position;
    log.checkpoint(position);
  }

  private static byte[] record(RecordType type, byte[] host, byte[] body) {
    ByteBuffer b = ByteBuffer.allocate(LogRecords.size(host.length, body.length));
    LogRecords.write(b, type, host, ByteBuffer.wrap(body));
    return b.array();
  }

  private void writeCarried(List<byte[]> records) throws IOException {
    Path file = carried(dir);
    Path tmp = dir.resolve(CARRIED + ".tmp");
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      for (byte[] r : records) {
        ByteBuffer b = ByteBuffer.wrap(r);
        while (b.hasRemaining()) {
          ch.write(b);
        }
      }
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public long appendedPosition() {
    return log.appendedPosition();
  }

  @Override
  public long durablePosition() {
    return log.durablePosition();
  }

  @Override
  public void addListener(DurableListener listener) {
    log.addListener(listener);
  }

  @Override
  public void removeListener(DurableListener listener) {
    log.removeListener(listener);
  }
}
