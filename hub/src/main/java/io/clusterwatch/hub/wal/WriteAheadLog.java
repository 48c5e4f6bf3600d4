package io.clusterwatch.hub.wal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The write-ahead log: records appended by event loops into one in-memory buffer, written and
 * fsynced by a dedicated thread at most every {@code syncInterval} (group commit: one fsync covers
 * every record appended since the previous one). Listeners hear each new durable position.
 *
 * <p>A failed write or fsync keeps every unwritten byte in the buffer, cuts the segment back to its
 * last good size, counts the error and tries again on the next tick; the durable position stands
 * still meanwhile, so nothing more is acknowledged. While more than {@code maxUnsyncedBytes} wait,
 * appends are refused. Segments roll at {@code segmentBytes}; {@link #checkpoint} deletes the ones
 * wholly before a position.
 */
public final class WriteAheadLog implements DurableLog, AutoCloseable {
  private static final System.Logger LOG = System.getLogger(WriteAheadLog.class.getName());

  private final Path dir;
  private final SegmentFiles files;
  private final long maxUnsyncedBytes;
  private final long segmentBytes;
  private final ScheduledExecutorService syncer;
  private final List<DurableListener> listeners = new CopyOnWriteArrayList<>();
  private final AtomicLong writeErrors = new AtomicLong();
  private final AtomicLong diskBytes = new AtomicLong();

  // guarded by this: records appended but not yet written and fsynced
  private ByteBuffer unsynced = ByteBuffer.allocate(1 << 16);
  private long appended;

  // sync thread only
  private SegmentChannel segment;
  private long segmentStart;
  private long segmentSize;
  private boolean dirtySegment;
  private volatile boolean failing;
  private volatile long durable;

  private final long syncIntervalMs;
  private boolean started;

  /**
   * A log in {@code dir}, not yet read: call {@link #replayAndStart} before appending. Syncs every
   * {@code syncInterval} once started.
   */
  public WriteAheadLog(
      Path dir,
      SegmentFiles files,
      Duration syncInterval,
      long maxUnsyncedBytes,
      long segmentBytes) {
    this.dir = dir;
    this.files = files;
    this.maxUnsyncedBytes = maxUnsyncedBytes;
    this.segmentBytes = segmentBytes;
    this.syncIntervalMs = Math.max(1, syncInterval.toMillis());
    this.syncer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "hub-wal-sync");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Replays every good record of the log into {@code replay} (cutting a torn tail), then opens the
   * log for appending after them and starts the group commits.
   *
   * @return what replay found
   */
  public synchronized ReplayResult replayAndStart(Consumer<LogRecord> replay) throws IOException {
    if (started) {
      throw new IllegalStateException("the write-ahead log in " + dir + " is already started");
    }
    Files.createDirectories(dir);
    List<Segment> segments = Segment.list(dir);
    LogReplay.Result result = LogReplay.replay(segments, replay);
    long position = segments.isEmpty() ? 0 : result.endPosition();
    long bytes = 0;
    for (Segment s : Segment.list(dir)) {
      bytes += Files.size(s.file());
    }
    appended = position;
    durable = position;
    segmentStart = position;
    diskBytes.set(bytes);
    started = true;
    syncer.scheduleWithFixedDelay(
        this::syncQuietly, syncIntervalMs, syncIntervalMs, TimeUnit.MILLISECONDS);
    return new ReplayResult(result.records(), segments.size(), result.truncatedBytes());
  }

  /**
   * @param records good records replayed
   * @param segments segment files read
   * @param truncatedBytes bytes cut from torn or corrupt segment tails
   */
  public record ReplayResult(long records, int segments, long truncatedBytes) {}

  @Override
  public long append(RecordType type, byte[] host, ByteBuffer body) {
    int size = LogRecords.size(host.length, body.remaining());
    synchronized (this) {
      if (!started) {
        throw new IllegalStateException(
            "append before the write-ahead log in " + dir + " was replayed");
      }
      if (unsynced.position() + (long) size > maxUnsyncedBytes && unsynced.position() > 0) {
        return REFUSED;
      }
      if (unsynced.remaining() < size) {
        int capacity = Math.max(unsynced.capacity() * 2, unsynced.position() + size);
        ByteBuffer bigger = ByteBuffer.allocate(capacity);
        unsynced.flip();
        bigger.put(unsynced);
        unsynced = bigger;
      }
      LogRecords.write(unsynced, type, host, body);
      appended += size;
      return appended;
    }
  }

  @Override
  public synchronized long appendedPosition() {
    return appended;
  }

  @Override
  public long durablePosition() {
    return durable;
  }

  @Override
  public void addListener(DurableListener listener) {
    listeners.add(listener);
  }

  @Override
  public void removeListener(DurableListener listener) {
    listeners.remove(listener);
  }

  /** Write and fsync errors since start. */
  public long writeErrors() {
    return writeErrors.get();
  }

  /** Whether the latest write or fsync failed (nothing new is durable until one succeeds). */
  public boolean failing() {
    return failing;
  }

  /** Bytes of the segment files on disk. */
  public long diskBytes() {
    return diskBytes.get();
  }

  /** Bytes appended but not yet durable, held in memory. */
  public synchronized long unsyncedBytes() {
    return unsynced.position();
  }

  private void syncQuietly() {
    try {
      sync();
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "write-ahead log sync failed unexpectedly", e);
    }
  }

  /** One group commit: writes and fsyncs everything appended so far. Runs on the sync thread. */
  void sync() {
    byte[] bytes;
    long end;
    synchronized (this) {
      if (unsynced.position() == 0) {
        return;
      }
      bytes = new byte[unsynced.position()];
      unsynced.get(0, bytes);
      end = appended;
    }
    try {
      if (segment == null) {
        segmentStart = end - bytes.length;
        segment = files.open(Segment.name(dir, segmentStart));
        segmentSize = 0;
      }
      if (dirtySegment) {
        segment.truncate(segmentSize);
        dirtySegment = false;
      }
      dirtySegment = true;
      segment.append(ByteBuffer.wrap(bytes));
      segment.force();
      dirtySegment = false;
    } catch (IOException | RuntimeException e) {
      writeErrors.incrementAndGet();
      if (!failing) {
        LOG.log(
            Level.ERROR,
            "write-ahead log "
                + dir
                + ": cannot write ("
                + e.getMessage()
                + "); "
                + bytes.length
                + " bytes wait in memory and nothing more is acknowledged until a write succeeds");
      }
      failing = true;
      return;
    }
    segmentSize += bytes.length;
    diskBytes.addAndGet(bytes.length);
    synchronized (this) {
      int rest = unsynced.position() - bytes.length;
      unsynced.put(0, unsynced, bytes.length, rest);
      unsynced.position(rest);
    }
    if (failing) {
      failing = false;
      LOG.log(Level.INFO, "write-ahead log " + dir + ": writing again; acknowledgements resume");
    }
    durable = end;
    rollIfFull(end);
    for (DurableListener l : listeners) {
      l.durable(end);
    }
  }

  private void rollIfFull(long end) {
    if (segmentSize < segmentBytes) {
      return;
    }
    try {
      segment.close();
    } catch (IOException e) {
      LOG.log(Level.WARNING, "write-ahead log: closing a full segment: " + e.getMessage());
    }
    segment = null;
    segmentStart = end;
  }

  /**
   * Deletes the segments that end at or before {@code position} (everything in them is kept
   * elsewhere now). The segment being written is kept.
   */
  public void checkpoint(long position) {
    syncer.execute(
        () -> {
          try {
            List<Segment> segments = Segment.list(dir);
            for (int i = 0; i + 1 < segments.size(); i++) {
              Segment s = segments.get(i);
              if (segments.get(i + 1).startPosition() <= position
                  && s.startPosition() != segmentStart) {
                long size = Files.size(s.file());
                Files.delete(s.file());
                diskBytes.addAndGet(-size);
              }
            }
          } catch (IOException e) {
            LOG.log(Level.WARNING, "write-ahead log checkpoint: " + e.getMessage());
          }
        });
  }

  /** Runs one group commit now and waits for it (shutdown and tests). */
  public void syncNow() {
    try {
      syncer.submit(this::syncQuietly).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  /** A last group commit, then the sync thread stops and the segment is closed. */
  @Override
  public void close() {
    if (syncer.isShutdown()) {
      return;
    }
    syncNow();
    syncer.shutdown();
    try {
      syncer.awaitTermination(10, TimeUnit.SECONDS);
      if (segment != null) {
        segment.close();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      LOG.log(Level.WARNING, "write-ahead log: closing: " + e.getMessage());
    }
  }
}
