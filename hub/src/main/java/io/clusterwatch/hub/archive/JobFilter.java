package io.clusterwatch.hub.archive;

import io.clusterwatch.hub.jobs.Job;
import io.clusterwatch.hub.jobs.JobScope;
import io.clusterwatch.hub.jobs.JobState;

/**
 * Which jobs a list shows. Null fields match everything. A job matches {@code since} when it ran at
 * or after it (still running, or ended then or later) and {@code until} when it started at or
 * before it: together, the jobs that ran at some time in {@code [since, until]}.
 *
 * @param scope the jobs the person asking may see; null for all
 */
public record JobFilter(
    JobState state,
    String user,
    String account,
    String partition,
    Long sinceMs,
    Long untilMs,
    JobScope scope) {
  public static final JobFilter ALL = new JobFilter(null, null, null, null, null, null);

  /** A filter over every job, whoever asks. */
  public JobFilter(
      JobState state, String user, String account, String partition, Long sinceMs, Long untilMs) {
    this(state, user, account, partition, sinceMs, untilMs, null);
  }

  /** The same filter, limited to the jobs of {@code scope} (null: all). */
  public JobFilter within(JobScope newScope) {
    return new JobFilter(state, user, account, partition, sinceMs, untilMs, newScope);
  }

  public boolean matches(Job job) {
    return (scope == null || scope.contains(job))
        && (state == null || state == job.state())
        && (user == null || user.equals(job.user()))
        && (account == null || account.equals(job.attributes().get("account")))
        && (partition == null || partition.equals(job.attributes().get("partition")))
        && (sinceMs == null || job.state() == JobState.RUNNING || job.endMs() >= sinceMs)
        && (untilMs == null || job.startMs() <= untilMs);
  }
}
