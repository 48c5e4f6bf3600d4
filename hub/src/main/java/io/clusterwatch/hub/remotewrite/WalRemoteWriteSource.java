package io.clusterwatch.hub.remotewrite;

import io.clusterwatch.common.config.ByteSize;
import io.clusterwatch.hub.agents.AgentRegistry;
import io.clusterwatch.hub.ingest.LogReplayer;
import io.clusterwatch.hub.jobs.JobRegistry;
import io.clusterwatch.hub.wal.CheckpointingLog;
import io.clusterwatch.hub.wal.DurableLog;
import io.clusterwatch.hub.wal.LogCursor;
import io.clusterwatch.hub.wal.LogRecord;
import io.clusterwatch.hub.wal.RecordType;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One endpoint's {@link RemoteWriteSource} read from the hub's write-ahead log, at the log's own
 * positions. A reader thread decodes the logged frames the way a restart replays them ({@link
 * LogReplayer}: hellos and schemas give each host's table, job records the allocation timeline as
 * of each frame) into {@link TickEntry ticks} named by {@link RemoteWriteFeed}, and keeps at most
 * about {@code capacity} samples in memory: while that many wait it stops reading, so a slow
 * database costs disk (the log kept), not memory, and never slows ingest.
 *
 * <p>The acknowledged position is saved every {@link #SAVE_INTERVAL} (and on close) in a {@link
 * PositionFile}; a restart resumes after it, so delivery is at least once: after a crash, what was
 * acknowledged in the last {@link #SAVE_INTERVAL} is sent again (same timestamps and values, which
 * the databases take as duplicates). The log is {@link CheckpointingLog#hold held} from the saved
 * position on, up to {@code max_wal_lag} bytes behind ingest: past that the oldest unsent segment
 * is released, and its samples are counted as dropped as the reader passes them.
 */
public final class WalRemoteWriteSource implements RemoteWriteSource {
  private static final System.Logger LOG = System.getLogger(WalRemoteWriteSource.class.getName());

  /** How often the acknowledged position is written to its file. */
  public static final Duration SAVE_INTERVAL = Duration.ofSeconds(1);

  private final String name;
  private final CheckpointingLog log;
  private final Path walDir;
  private final PositionFile file;
  private final long capacity;
  private final ByteSize maxLag;
  private final LogReplayer replayer;
  private final ScheduledExecutorService reader;
  private final AtomicBoolean fillScheduled = new AtomicBoolean();
  private final DurableLog.DurableListener durableListener = p -> scheduleFill();

  // written by the reader thread only (the lag gauge reads whether it is set)
  private volatile LogCursor cursor;
  private long recordPosition;
  private long skipThrough;
  private boolean added;
  private boolean failing;

  private final PendingTicks pending = new PendingTicks();

  /** The position in the file, or Long.MAX_VALUE before the first is known. */
  private volatile long saved;

  /** Where the reader is in the log (it needs everything after), Long.MAX_VALUE before start. */
  private volatile long readerAt = Long.MAX_VALUE;

  private volatile Runnable listener = () -> {};
  private volatile boolean closed;

  /**
   * Reads the endpoint's saved position and holds the log from it at once (before the hub replays
   * its log, whose checkpoints must not pass it); reading starts with {@link #start}.
   *
   * @param jobs a registry of this reader's own, rebuilt from the log's job records
   */
  public WalRemoteWriteSource(
      RemoteWriteSettings settings,
      CheckpointingLog log,
      Path dataRoot,
      JobRegistry jobs,
      Clock clock) {
    this.name = settings.name();
    this.log = log;
    this.walDir = log.directory();
    this.file = PositionFile.of(dataRoot, name);
    this.capacity = settings.queueConfig().capacity();
    this.maxLag = settings.queueConfig().maxWalLag();
    OptionalLong position = file.read();
    this.saved = position.orElse(Long.MAX_VALUE);
    this.replayer =
        new LogReplayer(
            new ListeningSampleStore(
                new DiscardingSampleStore(), new RemoteWriteFeed(List.of(this::read), jobs)),
            new AgentRegistry(clock, 1, Integer.MAX_VALUE),
            jobs);
    this.reader =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "hub-remote-write-" + name);
              t.setDaemon(true);
              return t;
            });
    log.hold(() -> Math.min(saved, readerAt));
  }

  /**
   * Starts reading: the records carried by the last checkpoint and the log from its oldest segment
   * rebuild the hosts' tables and the jobs; frames up to the saved position are passed over, the
   * rest are queued. An endpoint without a saved position starts at the end of the log.
   */
  public void start() {
    log.addListener(durableListener);
    reader.execute(this::begin);
    reader.scheduleWithFixedDelay(
        this::saveQuietly,
        SAVE_INTERVAL.toMillis(),
        SAVE_INTERVAL.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private void begin() {
    readerAt = 0;
    long end = log.durablePosition();
    try {
      long from = ReadStart.choose(name, saved, end, LogCursor.oldestSegment(walDir));
      pending.startAt(from);
      skipThrough = from;
      if (saved != from) {
        file.write(LogCursor.segmentOf(walDir, from), from);
        saved = from;
      }
      CheckpointingLog.readCarried(walDir, replayer);
      cursor = new LogCursor(walDir, 0);
    } catch (IOException e) {
      LOG.log(Level.ERROR, "remote write " + name + ": cannot start reading the log", e);
      return;
    }
    fill();
  }

  private void scheduleFill() {
    if (!closed && fillScheduled.compareAndSet(false, true)) {
      try {
        reader.execute(
            () -> {
              fillScheduled.set(false);
              fill();
            });
      } catch (RejectedExecutionException e) {
        fillScheduled.set(false); // closing
      }
    }
  }

  /** Reads records until about {@code capacity} samples wait or the durable end is reached. */
  private void fill() {
    if (closed || cursor == null) {
      return;
    }
    added = false;
    try {
      releaseIfTooFarBehind();
      long limit = log.durablePosition();
      while (true) {
        if (pending.full(capacity, cursor.position())) {
          break;
        }
        LogRecord r = cursor.next(limit);
        if (r == null) {
          break;
        }
        readerAt = cursor.position();
        recordPosition = r.position();
        if (r.type() != RecordType.FRAME || r.position() > skipThrough) {
          replayer.accept(r);
        }
      }
      readerAt = cursor.position();
      if (failing) {
        failing = false;
        LOG.log(Level.INFO, "remote write " + name + ": reading the log again");
      }
    } catch (IOException e) {
      if (!failing) {
        LOG.log(
            Level.WARNING,
            "remote write " + name + ": cannot read the log (" + e.getMessage() + "); retrying");
      }
      failing = true;
      reader.schedule(this::scheduleFill, 1, TimeUnit.SECONDS);
    }
    if (added) {
      listener.run();
    }
  }

  /** The feed's sink: one tick of the frame at {@link #recordPosition}. */
  private void read(TickEntry entry) {
    if (entry.size() == 0) {
      return;
    }
    if (pending.offer(entry, recordPosition)) {
      added = true;
    }
  }

  /**
   * Past {@code max_wal_lag} bytes behind the log's end, releases whole segments from the oldest
   * unsent one on until it is within the limit again; the reader passes over what they held.
   */
  private void releaseIfTooFarBehind() throws IOException {
    long base = pending.done();
    long end = log.appendedPosition();
    long target = base;
    while (end - target > maxLag.bytes()) {
      long next = LogCursor.nextSegmentAfter(walDir, target);
      if (next < 0) {
        break;
      }
      target = next;
    }
    if (target == base) {
      return;
    }
    pending.release(target);
    save();
    log.holdsMoved();
  }

  private void saveQuietly() {
    try {
      save();
    } catch (IOException | RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "remote write " + name + ": cannot save its position in " + file.path() + ": " + e);
    }
  }

  /** Writes the acknowledged (or released) position when it moved. Reader thread. */
  private void save() throws IOException {
    if (cursor == null) {
      return; // not started: nothing new to save
    }
    long p = pending.done();
    if (p != saved) {
      file.write(LogCursor.segmentOf(walDir, p), p);
      saved = p;
    }
  }

  @Override
  public Batch poll(int maxSamples) {
    Batch batch = pending.poll(maxSamples);
    if (batch != Batch.EMPTY) {
      scheduleFill();
    }
    return batch;
  }

  @Override
  public void acknowledge(long position) {
    pending.acknowledge(position);
  }

  /** The newest acknowledged position (a log position). */
  public long acknowledged() {
    return pending.acknowledged();
  }

  /** The position last written to the position file. */
  public long saved() {
    return saved;
  }

  /** Bytes of log appended after the acknowledged position: how far the endpoint is behind. */
  public long lagBytes() {
    long base = pending.done();
    return cursor == null ? 0 : Math.max(0, log.appendedPosition() - base);
  }

  @Override
  public long pendingSamples() {
    return pending.pendingSamples();
  }

  @Override
  public long droppedSamples() {
    return pending.droppedSamples();
  }

  @Override
  public String dropCause() {
    return "the endpoint fell more than max_wal_lag ("
        + maxLag
        + ") of write-ahead log behind, so its oldest unsent log segments were released";
  }

  @Override
  public void onAvailable(Runnable listener) {
    this.listener = listener;
  }

  /** Stops reading and saves the acknowledged position. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    log.removeListener(durableListener);
    try {
      reader.submit(this::saveQuietly).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | RejectedExecutionException e) {
      LOG.log(Level.WARNING, "remote write " + name + ": closing: " + e);
    }
    reader.shutdownNow();
    try {
      reader.awaitTermination(10, TimeUnit.SECONDS);
      if (cursor != null) {
        cursor.close();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      LOG.log(Level.WARNING, "remote write " + name + ": closing the log reader: " + e);
    }
  }
}
