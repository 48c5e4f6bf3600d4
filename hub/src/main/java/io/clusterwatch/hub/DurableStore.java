package io.clusterwatch.hub;

import io.clusterwatch.hub.config.HubConfig;
import io.clusterwatch.hub.datadir.DataDirectory;
import io.clusterwatch.hub.datadir.DataDirectoryException;
import io.clusterwatch.hub.ingest.LogReplayer;
import io.clusterwatch.hub.metrics.StoreMeters;
import io.clusterwatch.hub.store.ColumnarSampleStore;
import io.clusterwatch.hub.store.StoreConfig;
import io.clusterwatch.hub.wal.CheckpointingLog;
import io.clusterwatch.hub.wal.DurableLog;
import io.clusterwatch.hub.wal.SegmentFiles;
import io.clusterwatch.hub.wal.WriteAheadLog;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;

/**
 * What the hub keeps on disk: the data directory (locked for this hub) and its write-ahead log. A
 * hub without {@code store.path} (or {@code --data}) runs memory-only and says so loudly.
 */
public final class DurableStore implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(DurableStore.class.getName());

  /** Segments roll at this size so that a checkpoint can delete whole files. */
  static final long SEGMENT_BYTES = 64L << 20;

  /** Most bytes held in memory while the disk refuses writes; appends are refused past it. */
  static final long MAX_UNSYNCED_BYTES = 256L << 20;

  private final DataDirectory directory;
  private final WriteAheadLog log;
  private CheckpointingLog checkpointing;
  private ColumnarSampleStore store;

  private DurableStore(DataDirectory directory, WriteAheadLog log) {
    this.directory = directory;
    this.log = log;
  }

  /**
   * The sample store: memory-only without a data directory; else its sealed blocks live in {@code
   * DATA/chunks} (opened now, before the log is replayed), and each time the store has written
   * every block up to a time, the log's segments before it go (a checkpoint).
   */
  public ColumnarSampleStore openStore(StoreConfig config) {
    if (log == null) {
      store = new ColumnarSampleStore(config);
      return store;
    }
    checkpointing = new CheckpointingLog(log, directory.walDirectory(), config.blockMs());
    CheckpointingLog c = checkpointing;
    try {
      store =
          ColumnarSampleStore.open(config, directory.root().resolve("chunks"), c::sealedThrough);
    } catch (IOException e) {
      throw new DataDirectoryException(
          "data directory " + directory.root() + ": cannot open the chunk files: " + e.getMessage(),
          e);
    }
    return store;
  }

  /** Opens the configured data directory, or a memory-only store when none is configured. */
  public static DurableStore open(HubConfig config) {
    return open(config, SegmentFiles.local());
  }

  static DurableStore open(HubConfig config, SegmentFiles files) {
    return open(config, files, SEGMENT_BYTES);
  }

  static DurableStore open(HubConfig config, SegmentFiles files, long segmentBytes) {
    String path = config.store().path();
    if (path.isEmpty()) {
      LOG.log(
          Level.WARNING,
          "no data directory (store.path or --data): the hub keeps everything in memory"
              + " and loses it all on restart");
      return new DurableStore(null, null);
    }
    DataDirectory dir = DataDirectory.open(Path.of(path));
    return new DurableStore(
        dir,
        new WriteAheadLog(
            dir.walDirectory(), files, config.store().walSync(), MAX_UNSYNCED_BYTES, segmentBytes));
  }

  /** The log ingest appends to ({@link DurableLog#none()} when memory-only). */
  public DurableLog log() {
    if (log == null) {
      return DurableLog.none();
    }
    if (checkpointing == null) {
      throw new IllegalStateException(
          "openStore before the log: the log's checkpoints follow the store");
    }
    return checkpointing;
  }

  /** Replays the log into {@code services} and starts it; logs how long that took. */
  public void replay(HubServices services, MeterRegistry registry) {
    if (log == null) {
      return;
    }
    long start = System.nanoTime();
    LogReplayer replayer = new LogReplayer(services.store(), services.agents(), services.jobs());
    WriteAheadLog.ReplayResult result;
    try {
      checkpointing.replayCarried(replayer);
      result =
          log.replayAndStart(
              r -> {
                replayer.accept(r);
                checkpointing.replayed(r);
              });
    } catch (IOException e) {
      throw new DataDirectoryException(
          "data directory "
              + directory.root()
              + ": cannot read the write-ahead log: "
              + e.getMessage(),
          e);
    }
    // The replay hands every finished job to the archiver again: wait until it has set aside the
    // ones archived before the restart, so that they are served from the archive, never recomputed.
    services.archive().awaitChecked();
    StoreMeters.register(registry, log);
    StoreMeters.registerTiers(registry, store);
    long ms = (System.nanoTime() - start) / 1_000_000;
    LOG.log(
        Level.INFO,
        "data directory "
            + directory.root()
            + " ready in "
            + ms
            + " ms: replayed "
            + result.records()
            + " log records from "
            + result.segments()
            + " segments ("
            + replayer.framesStored()
            + " frames stored, "
            + replayer.skipped()
            + " skipped, "
            + result.truncatedBytes()
            + " torn bytes cut)");
  }

  /**
   * Registers the per-tier meters of a memory-only store (a durable one registers them at replay).
   */
  public void registerMeters(MeterRegistry registry) {
    if (log == null && store != null) {
      StoreMeters.registerTiers(registry, store);
    }
  }

  @Override
  public void close() {
    if (store != null) {
      store.close();
    }
    if (log != null) {
      log.close();
    }
    if (directory != null) {
      directory.close();
    }
  }
}
