package io.clusterwatch.agent.jobs;

import io.clusterwatch.agent.jobs.slurm.SpoolDirectory;
import io.clusterwatch.agent.jobs.slurm.SpoolWatcher;
import io.clusterwatch.protocol.message.JobEvent;
import io.clusterwatch.protocol.message.JobInfo;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs job discovery every {@code interval} and at once whenever the prolog or epilog writes into
 * the spool directory, and hands the resulting job events to {@code events}. All discoveries run on
 * the given single-threaded scheduler, one at a time.
 */
public final class JobMonitor implements AutoCloseable {
  private static final Logger LOG = System.getLogger(JobMonitor.class.getName());

  private final JobDiscovery discovery;
  private final JobTracker tracker;
  private final Consumer<JobEvent> events;
  private final ScheduledExecutorService scheduler;
  private final Optional<SpoolWatcher> watcher;
  private final ScheduledFuture<?> periodic;

  /**
   * @param spool watched for prolog/epilog files when present
   * @param scheduler single-threaded: discovery is not thread-safe
   * @throws IOException when the spool directory cannot be watched
   */
  public JobMonitor(
      JobDiscovery discovery,
      JobTracker tracker,
      Optional<SpoolDirectory> spool,
      Duration interval,
      ScheduledExecutorService scheduler,
      Consumer<JobEvent> events)
      throws IOException {
    this(discovery, tracker, spool, Duration.ZERO, interval, scheduler, events);
  }

  /**
   * @param initialDelay before the first periodic discovery ({@link #runSoon} runs one earlier)
   */
  public JobMonitor(
      JobDiscovery discovery,
      JobTracker tracker,
      Optional<SpoolDirectory> spool,
      Duration initialDelay,
      Duration interval,
      ScheduledExecutorService scheduler,
      Consumer<JobEvent> events)
      throws IOException {
    this.discovery = discovery;
    this.tracker = tracker;
    this.events = events;
    this.scheduler = scheduler;
    this.watcher =
        spool.isPresent()
            ? Optional.of(new SpoolWatcher(spool.get(), record -> runSoon()))
            : Optional.empty();
    this.periodic =
        scheduler.scheduleWithFixedDelay(
            this::runOnce, initialDelay.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Schedules one discovery now (a prolog or epilog just ran). */
  public void runSoon() {
    scheduler.execute(this::runOnce);
  }

  private void runOnce() {
    try {
      List<JobInfo> jobs = discovery.discover();
      for (JobEvent e : tracker.update(jobs)) {
        events.accept(e);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "job discovery failed; trying again at the next run", e);
    }
  }

  /** The jobs as of the last discovery, for the snapshot sent after each hello. */
  public List<JobInfo> jobs() {
    return tracker.jobs();
  }

  @Override
  public void close() throws IOException {
    periodic.cancel(false);
    if (watcher.isPresent()) {
      watcher.get().close();
    }
  }
}
