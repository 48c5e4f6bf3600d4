package io.clusterwatch.hub.archive;

import io.clusterwatch.hub.jobs.Job;
import io.clusterwatch.hub.jobs.JobRegistry;
import io.clusterwatch.hub.jobs.JobState;
import io.clusterwatch.hub.jobs.JobSummaries;
import io.clusterwatch.hub.jobs.JobSummary;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The job list and job lookups over both sources: running jobs and jobs not archived yet from the
 * registry (summaries computed now), finished jobs from the archive (summaries computed at their
 * end). Blocking: call from worker threads.
 */
public final class JobPages {
  private final JobRegistry registry;
  private final JobArchiver archiver;
  private final JobSummaries summaries;
  private final JobReports reports;

  public JobPages(
      JobRegistry registry, JobArchiver archiver, JobSummaries summaries, JobReports reports) {
    this.registry = registry;
    this.archiver = archiver;
    this.summaries = summaries;
    this.reports = reports;
  }

  /** A job of a list with its summary. */
  public record Entry(Job job, JobSummary summary) {}

  /** One page; {@code nextCursor} is null on the last. */
  public record Page(List<Entry> jobs, String nextCursor) {}

  public Page page(JobFilter filter, JobCursor cursor, int limit) {
    List<Job> live = new ArrayList<>();
    for (Job j : liveJobs()) {
      if (filter.matches(j) && (cursor == null || cursor.precedes(j))) {
        live.add(j);
      }
    }
    live.sort(JobCursor.ORDER);
    Set<String> liveIds = new HashSet<>();
    liveJobs().forEach(j -> liveIds.add(j.id()));
    // A job that started again after it was archived is listed once, from the registry: fetch
    // enough archived rows that skipping those still fills the page.
    List<ArchivedJob> archived = new ArrayList<>();
    for (ArchivedJob a : archiver.page(filter, cursor, limit + 1 + liveIds.size())) {
      if (!liveIds.contains(a.job().id())) {
        archived.add(a);
      }
    }
    List<Entry> merged = new ArrayList<>();
    int i = 0;
    int k = 0;
    while (merged.size() <= limit && (i < live.size() || k < archived.size())) {
      boolean takeLive =
          k >= archived.size()
              || (i < live.size()
                  && JobCursor.ORDER.compare(live.get(i), archived.get(k).job()) < 0);
      if (takeLive) {
        Job j = live.get(i++);
        merged.add(new Entry(j, null));
      } else {
        ArchivedJob a = archived.get(k++);
        merged.add(new Entry(a.job(), a.report().summary()));
      }
    }
    String next = null;
    if (merged.size() > limit) {
      merged = merged.subList(0, limit);
      next = JobCursor.after(merged.get(limit - 1).job()).encode();
    }
    List<Entry> out = new ArrayList<>();
    for (Entry e : merged) {
      out.add(e.summary() != null ? e : new Entry(e.job(), summaries.of(e.job())));
    }
    return new Page(out, next);
  }

  /** Running jobs, and finished ones whose archiving is pending. */
  private List<Job> liveJobs() {
    Set<String> pending = archiver.pendingIds();
    List<Job> out = new ArrayList<>();
    for (Job j : registry.list(null)) {
      if (j.state() == JobState.RUNNING || pending.contains(j.id())) {
        out.add(j);
      }
    }
    return out;
  }

  /**
   * A running or not yet archived job from the registry, else the archived job, else a finished job
   * the registry still holds (one whose archiving failed).
   */
  public Optional<Found> find(String id) {
    Optional<Job> known = registry.get(id);
    if (known.isPresent()
        && (known.get().state() == JobState.RUNNING || archiver.pendingIds().contains(id))) {
      return Optional.of(new Found(known.get(), null));
    }
    Optional<Found> archived = archiver.get(id).map(a -> new Found(a.job(), a.report()));
    return archived.isPresent() ? archived : known.map(j -> new Found(j, null));
  }

  /**
   * @param archived the archived report, null for a job the registry knows
   */
  public record Found(Job job, JobReport archived) {
    public JobSummary summaryOr(JobSummaries summaries) {
      return archived == null ? summaries.of(job) : archived.summary();
    }
  }

  /** The job's report: the archived one, or one computed now from the store. */
  public Optional<Found> report(String id) {
    return find(id)
        .map(f -> f.archived() != null ? f : new Found(f.job(), reports.of(f.job(), false)));
  }
}
