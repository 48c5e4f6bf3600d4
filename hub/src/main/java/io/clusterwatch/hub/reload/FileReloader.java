package io.clusterwatch.hub.reload;

import io.vertx.core.Vertx;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Reads a set of files again when any of them changes, without a restart: a timer compares their
 * {@link FileStamp}s on a worker thread (never on an event loop) and, on a change, loads them. A
 * load that fails is logged and the last good contents stay in force; it is tried again when the
 * files change again, so that a renewal job writing a certificate and then its key is picked up
 * once both are in place.
 *
 * @param <T> what the files are read into
 */
public final class FileReloader<T> {
  private static final System.Logger LOG = System.getLogger(FileReloader.class.getName());

  /** Reads the files; throws with a message for the log when they cannot be used. */
  @FunctionalInterface
  public interface Loader<T> {
    T load();
  }

  private final String what;
  private final List<Path> files;
  private final Loader<T> loader;
  private final Consumer<T> loaded;
  private final ReloadMeters meters;
  private List<FileStamp> seen;
  private long timer = -1;
  private final List<CompletableFuture<Boolean>> waiting = new ArrayList<>();

  /**
   * @param what the files' role, for the log and the meters ({@code tls}, {@code tokens})
   * @param files the files to watch; the stamps they have now count as already loaded
   * @param loaded takes each successful load, on the worker thread
   */
  public FileReloader(
      String what, List<Path> files, Loader<T> loader, Consumer<T> loaded, ReloadMeters meters) {
    this.what = what;
    this.files = List.copyOf(files);
    this.loader = loader;
    this.loaded = loaded;
    this.meters = meters;
    this.seen = FileStamp.of(this.files);
  }

  /** Checks every {@code interval} until {@link #stop}. */
  public void start(Vertx vertx, Duration interval) {
    timer =
        vertx.setPeriodic(
            interval.toMillis(),
            id ->
                vertx
                    .executeBlocking(
                        () -> {
                          check();
                          return null;
                        },
                        true)
                    .onFailure(
                        e -> LOG.log(Level.WARNING, "checking the " + what + " files failed", e)));
  }

  public void stop(Vertx vertx) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  /**
   * Completes when the files next change and are read: true when the new contents are in force,
   * false when they could not be used and the previous ones stay.
   */
  public synchronized CompletableFuture<Boolean> nextLoad() {
    CompletableFuture<Boolean> f = new CompletableFuture<>();
    waiting.add(f);
    return f;
  }

  private void settle(boolean loaded) {
    List<CompletableFuture<Boolean>> done = List.copyOf(waiting);
    waiting.clear();
    done.forEach(f -> f.complete(loaded));
  }

  /** Loads the files when their stamps differ from the last seen; blocking. */
  synchronized void check() {
    List<FileStamp> now = FileStamp.of(files);
    if (Objects.equals(now, seen)) {
      return;
    }
    seen = now;
    T value;
    try {
      value = loader.load();
    } catch (RuntimeException e) {
      meters.failed(what);
      LOG.log(
          Level.WARNING,
          "the "
              + what
              + " files changed but cannot be used; keeping the previous ones: "
              + e.getMessage());
      settle(false);
      return;
    }
    loaded.accept(value);
    meters.reloaded(what);
    LOG.log(Level.INFO, "reloaded the " + what + " files " + files);
    settle(true);
  }
}
