package io.clusterwatch.hub.archive;

import io.clusterwatch.hub.jobs.Job;
import io.clusterwatch.hub.jobs.JobState;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Archives jobs as they finish and answers archive queries, every SQLite call on one dedicated
 * thread. A finished job is archived {@code settleMs} after its end, so that the frames the agents
 * sent just before it ended are in the store when its report is computed; until then it is
 * "pending" and served from the registry. On {@link #close()} pending jobs are archived at once.
 *
 * <p>The report archived when a job ended is final: it holds the alerts that fired, which the alert
 * history forgets on restart. So a finished job whose end the archive holds already (its archived
 * {@code end_ms} is at or after this one: the write-ahead log replayed an end that was archived
 * before the restart) is neither recomputed nor replaced. A job that ended later than its archived
 * row (it ran again under the same id) is archived again.
 */
public final class JobArchiver implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(JobArchiver.class.getName());

  private final JobArchive archive;
  private final JobReports reports;
  private final Function<String, Optional<Job>> registry;
  private final long settleMs;
  private final ScheduledThreadPoolExecutor thread;
  private final Map<String, Job> pending = new ConcurrentHashMap<>();

  /** Futures of callers waiting for a pending job to be archived. */
  private final Map<String, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();

  /**
   * @param registry the registry's current view of a job, read again when it is archived (it may
   *     have started again in the meantime)
   */
  public JobArchiver(
      JobArchive archive,
      JobReports reports,
      Function<String, Optional<Job>> registry,
      long settleMs) {
    this.archive = archive;
    this.reports = reports;
    this.registry = registry;
    this.settleMs = settleMs;
    this.thread =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "hub-job-archive");
              t.setDaemon(true);
              return t;
            });
    thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  /**
   * A job finished: unless the archive holds its end already, it is archived after the settle time.
   * Cheap; called under the registry's lock.
   */
  public void finished(Job job) {
    pending.put(job.id(), job);
    try {
      thread.execute(() -> settle(job));
    } catch (RejectedExecutionException e) {
      // closing: close() archives what is pending
    }
  }

  /** On the archive's thread: drops a job archived already, else schedules its archiving. */
  private void settle(Job job) {
    if (pending.get(job.id()) != job) {
      return; // archived by close(), or finished again: that later end settles itself
    }
    try {
      if (archivedAlready(job)) {
        LOG.log(
            Level.DEBUG,
            "job " + job.id() + ": its end at " + job.endMs() + " ms is archived already");
        done(job.id());
        return;
      }
    } catch (RuntimeException e) {
      // archivePending reads the archive again and logs what fails then
      LOG.log(
          Level.WARNING, "job " + job.id() + ": cannot read the job archive: " + e.getMessage());
    }
    try {
      thread.schedule(() -> archivePending(job.id()), settleMs, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // closing: close() archives what is pending
    }
  }

  /**
   * Whether the archive holds {@code job} ended at or after its end (read on the archive's thread).
   */
  private boolean archivedAlready(Job job) {
    OptionalLong end = archive.endMs(job.id());
    return end.isPresent() && end.getAsLong() >= job.endMs();
  }

  private void archivePending(String id) {
    if (!pending.containsKey(id)) {
      return;
    }
    Job job = registry.apply(id).orElse(pending.get(id));
    try {
      if (job.state() == JobState.FINISHED && !archivedAlready(job)) {
        archive.put(job, reports.of(job, true));
      }
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "job " + id + " could not be archived: " + e.getMessage(), e);
    } finally {
      done(id);
    }
  }

  private void done(String id) {
    pending.remove(id);
    CompletableFuture<Void> w = waiting.remove(id);
    if (w != null) {
      w.complete(null);
    }
  }

  /**
   * Returns once every job finished so far has been checked against the archive, so that {@link
   * #pendingIds()} no longer lists the ones it holds already: the hub calls it after the
   * write-ahead log's replay, before it serves. Blocking: call from worker threads only.
   */
  public void awaitChecked() {
    call(a -> null);
  }

  /**
   * Completes once pending job {@code id} has been archived (or its archiving failed, which is
   * logged); at once for a job that is not pending.
   */
  public CompletionStage<Void> whenArchived(String id) {
    CompletableFuture<Void> w = waiting.computeIfAbsent(id, k -> new CompletableFuture<>());
    // Checked after registering, so that an archive finishing in between still completes w.
    if (!pending.containsKey(id)) {
      waiting.remove(id, w);
      w.complete(null);
    }
    return w;
  }

  /** Ids of finished jobs not archived yet. */
  public Set<String> pendingIds() {
    return Set.copyOf(pending.keySet());
  }

  /** Runs {@code work} on the archive's thread and waits for it: call from worker threads only. */
  public <T> T call(Function<JobArchive, T> work) {
    Future<T> f = thread.submit(() -> work.apply(archive));
    try {
      return f.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new ArchiveException("job archive: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ArchiveException("interrupted while waiting for the job archive", e);
    }
  }

  public Optional<ArchivedJob> get(String id) {
    return call(a -> a.get(id));
  }

  public List<ArchivedJob> page(JobFilter filter, JobCursor cursor, int limit) {
    return call(a -> a.page(filter, cursor, limit));
  }

  /** Archives what is pending now, then closes the archive. */
  @Override
  public void close() {
    if (thread.isShutdown()) {
      return;
    }
    try {
      call(
          a -> {
            for (String id : List.copyOf(pending.keySet())) {
              archivePending(id);
            }
            return null;
          });
    } finally {
      thread.shutdown();
      try {
        thread.awaitTermination(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      archive.close();
    }
  }
}
