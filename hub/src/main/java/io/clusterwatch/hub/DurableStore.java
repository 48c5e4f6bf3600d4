package io.clusterwatch.hub;

import io.clusterwatch.hub.config.HubConfig;
import io.clusterwatch.hub.datadir.DataDirectory;
import io.clusterwatch.hub.datadir.DataDirectoryException;
import io.clusterwatch.hub.ingest.LogReplayer;
import io.clusterwatch.hub.metrics.StoreMeters;
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

  private DurableStore(DataDirectory directory, WriteAheadLog log) {
    this.directory = directory;
    this.log = log;
  }

  /** Opens the configured data directory, or a memory-only store when none is configured. */
  public static DurableStore open(HubConfig config) {
    return open(config, SegmentFiles.local());
  }

  static DurableStore open(HubConfig config, SegmentFiles files) {
    String path = config.store().path();
    if (path.isEmpty()) {
      LOG.log(Level.WARNING, "no data directory (store.path or --data): the hub keeps everything in memory"
          + " and loses it all on restart");
      return new DurableStore(null, null);
    }
    DataDirectory dir = DataDirectory.open(Path.of(path));
    return new DurableStore(dir, new WriteAheadLog(dir.walDirectory(), files,
        config.store().walSync(), MAX_UNSYNCED_BYTES, SEGMENT_BYTES));
  }

  /** The log ingest appends to ({@link DurableLog#none()} when memory-only). */
  public DurableLog log() {
    return log == null ? DurableLog.none() : log;
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
      result = log.replayAndStart(replayer);
    } catch (IOException e) {
      throw new DataDirectoryException("data directory " + directory.root() + ": cannot read the write-ahead log: "
          + e.getMessage(), e);
    }
    StoreMeters.register(registry, log);
    long ms = (System.nanoTime() - start) / 1_000_000;
    LOG.log(Level.INFO, "data directory " + directory.root() + " ready in " + ms + " ms: replayed "
        + result.records() + " log records from " + result.segments() + " segments (" + replayer.framesStored()
        + " frames stored, " + replayer.skipped() + " skipped, " + result.truncatedBytes() + " torn bytes cut)");
  }

  @Override
  public void close() {
    if (log != null) {
      log.close();
    }
    if (directory != null) {
      directory.close();
    }
  }
}
