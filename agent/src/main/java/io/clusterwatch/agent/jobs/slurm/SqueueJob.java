package io.clusterwatch.agent.jobs.slurm;

import java.util.Objects;

/**
 * One job that {@code squeue} lists as running on this node: Slurm says it is here, nothing on the
 * node has to.
 *
 * @param jobId numeric job id as text (an array element's own id, not {@code base_index})
 * @param user user name
 * @param uid numeric user id as text, empty when the listing has none
 * @param name job name
 * @param account account, empty when none
 * @param partition partition
 */
public record SqueueJob(
    String jobId, String user, String uid, String name, String account, String partition) {
  public SqueueJob {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(uid, "uid");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(partition, "partition");
  }
}
