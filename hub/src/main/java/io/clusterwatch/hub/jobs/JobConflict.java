package io.clusterwatch.hub.jobs;

import java.util.List;

/**
 * A host reported a job id that already runs (or ran) on other hosts under another identity; the
 * registry refused the report for that host and kept the job as it was.
 *
 * @param jobId the job id both reports name
 * @param host the host whose report was refused
 * @param jobHosts the hosts the job holds or held, whose identity stands
 * @param kept the job's identity, unchanged
 * @param claimed the identity the refused report carried
 */
public record JobConflict(
    String jobId, String host, List<String> jobHosts, JobIdentity kept, JobIdentity claimed) {
  public JobConflict {
    jobHosts = List.copyOf(jobHosts);
  }

  /** One log line naming the job, both sides' hosts and both identities. */
  public String describe() {
    return "job "
        + jobId
        + " reported by host "
        + host
        + " with "
        + claimed
        + " refused for that host: the job runs on "
        + String.join(",", jobHosts)
        + " with "
        + kept;
  }
}
