package io.clusterwatch.hub.jobs;

import io.clusterwatch.protocol.message.JobInfo;
import java.util.Map;

/**
 * The fields of a job that decide who may see it ({@link JobScope}): its user and its Slurm {@code
 * account} or Kubernetes {@code namespace} attribute. Absent attributes are empty strings.
 */
public record JobIdentity(String user, String account, String namespace) {

  public static JobIdentity of(JobInfo job) {
    return of(job.user(), job.attributes());
  }

  static JobIdentity of(String user, Map<String, String> attributes) {
    return new JobIdentity(
        user, attributes.getOrDefault("account", ""), attributes.getOrDefault("namespace", ""));
  }

  /** {@code user=alice account=cs101 namespace=}, for log lines. */
  @Override
  public String toString() {
    return "user=" + user + " account=" + account + " namespace=" + namespace;
  }
}
