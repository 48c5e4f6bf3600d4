package io.clusterwatch.agent.jobs;

import java.util.Optional;

/**
 * A Slurm job cgroup. Before Slurm 26.05 (and with {@code CgroupJobIdPaths=yes}) the directory is
 * named {@code job_<id>}; from 26.05 on cgroup/v2 names it by SLUID, which carries no job id, so
 * exactly one of {@code jobId} and {@code sluid} is known from the path.
 *
 * @param jobId numeric Slurm job id, empty when the path names a SLUID
 * @param sluid SLUID such as {@code s5K1KKYAYG5D00}, empty when the path names a job id
 * @param step step directory without {@code step_} ({@code batch}, {@code extern}, {@code 0}, ...),
 *     empty when the path stops at the job
 * @param uid owner uid from the cgroup v1 {@code uid_<uid>} directory, empty on cgroup v2
 */
public record SlurmCgroup(
    Optional<String> jobId, Optional<String> sluid, Optional<String> step, Optional<Long> uid)
    implements CgroupOwner {
  public SlurmCgroup {
    if (jobId.isPresent() == sluid.isPresent()) {
      throw new IllegalArgumentException("exactly one of jobId and sluid must be set");
    }
  }
}
