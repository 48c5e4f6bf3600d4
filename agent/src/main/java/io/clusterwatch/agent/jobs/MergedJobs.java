package io.clusterwatch.agent.jobs;

import io.clusterwatch.protocol.message.JobInfo;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one {@link JobMerge}.
 *
 * @param jobs every job on this node: Slurm jobs by job id, then pods, then static jobs
 * @param firstSeenMs first-seen times of those jobs, for the next merge
 * @param staleSpoolJobs job ids whose prolog record is stale (no cgroup long after the prolog)
 * @param endedSpoolJobs job ids whose epilog ran and whose cgroup is gone
 */
public record MergedJobs(
    List<JobInfo> jobs,
    Map<String, Long> firstSeenMs,
    List<String> staleSpoolJobs,
    List<String> endedSpoolJobs) {
  public MergedJobs {
    jobs = List.copyOf(jobs);
    firstSeenMs = Map.copyOf(firstSeenMs);
    staleSpoolJobs = List.copyOf(staleSpoolJobs);
    endedSpoolJobs = List.copyOf(endedSpoolJobs);
  }
}
