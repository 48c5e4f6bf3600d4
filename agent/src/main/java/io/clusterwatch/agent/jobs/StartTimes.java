package io.clusterwatch.agent.jobs;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * When each job was first seen, for a job whose start no source tells: the start a merge reports
 * for it, the same in every later merge while the job runs.
 */
public final class StartTimes {
  private final Map<String, Long> firstSeenMs;
  private final long nowMs;

  /**
   * @param before what the previous merge knew
   * @param nowMs this merge's time, the first-seen time of a job new to it
   */
  public StartTimes(Map<String, Long> before, long nowMs) {
    this.firstSeenMs = new HashMap<>(before);
    this.nowMs = nowMs;
  }

  /** The job's first-seen time, now when it is new. */
  public long firstSeen(String jobId) {
    return firstSeenMs.computeIfAbsent(jobId, k -> nowMs);
  }

  /** A start a source told (Slurm's start time, the prolog's time). */
  public void known(String jobId, long startMs) {
    firstSeenMs.put(jobId, startMs);
  }

  /** The times of the given jobs only: a job that ended is forgotten. */
  public Map<String, Long> retainOnly(Set<String> jobIds) {
    Map<String, Long> out = new HashMap<>(firstSeenMs);
    out.keySet().retainAll(jobIds);
    return Map.copyOf(out);
  }
}
