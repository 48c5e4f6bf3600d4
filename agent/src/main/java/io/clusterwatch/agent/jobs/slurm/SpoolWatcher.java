package io.clusterwatch.agent.jobs.slurm;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.function.Consumer;

/**
 * Watches the spool directory with {@link WatchService} and hands every new or replaced job file to
 * a listener at once, so the agent runs job discovery when the prolog or epilog ran rather than at
 * its next poll. The scripts rename a complete file into place, which arrives as {@code
 * ENTRY_CREATE}; on {@code OVERFLOW} every file is handed over again.
 */
public final class SpoolWatcher implements AutoCloseable {
  private static final Logger LOG = System.getLogger(SpoolWatcher.class.getName());

  private final SpoolDirectory spool;
  private final Consumer<SpoolRecord> listener;
  private final WatchService watchService;
  private final Thread thread;

  /**
   * Creates the directory when missing and starts watching on a daemon thread.
   *
   * @throws IOException when the directory cannot be created or watched
   */
  public SpoolWatcher(SpoolDirectory spool, Consumer<SpoolRecord> listener) throws IOException {
    this.spool = spool;
    this.listener = listener;
    Files.createDirectories(spool.path());
    this.watchService = spool.path().getFileSystem().newWatchService();
    spool
        .path()
        .register(
            watchService,
            StandardWatchEventKinds.ENTRY_CREATE,
            StandardWatchEventKinds.ENTRY_MODIFY);
    this.thread = new Thread(this::loop, "spool-watcher");
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    try {
      while (true) {
        WatchKey key = watchService.take();
        for (WatchEvent<?> ev : key.pollEvents()) {
          if (ev.kind() == StandardWatchEventKinds.OVERFLOW) {
            spool.read().values().forEach(this::deliver);
            continue;
          }
          Path file = spool.path().resolve((Path) ev.context());
          if (SpoolDirectory.isJobFile(file)) {
            spool.readFile(file).ifPresent(this::deliver);
          }
        }
        if (!key.reset()) {
          LOG.log(Level.WARNING, "spool directory " + spool.path() + " is no longer watchable");
          return;
        }
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // closed: the agent is shutting down
    }
  }

  private void deliver(SpoolRecord r) {
    try {
      listener.accept(r);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "spool listener failed for job " + r.jobId(), e);
    }
  }

  @Override
  public void close() throws IOException {
    watchService.close();
    thread.interrupt();
  }
}
