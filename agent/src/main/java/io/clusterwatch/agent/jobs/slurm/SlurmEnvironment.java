package io.clusterwatch.agent.jobs.slurm;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The Slurm variables of one process's environment ({@code /proc/<pid>/environ}): which job it says
 * it belongs to and the GPUs Slurm gave that job.
 *
 * @param pid the process
 * @param jobId {@code SLURM_JOB_ID}, empty when unset or unreadable
 * @param jobGpus {@code SLURM_JOB_GPUS}: host GRES indices
 * @param cudaVisibleDevices {@code CUDA_VISIBLE_DEVICES}: counts from 0 inside the job's device
 *     cgroup, so only UUIDs in it name host GPUs (ecosystem.md §0 item 2)
 */
public record SlurmEnvironment(
    long pid, String jobId, Optional<String> jobGpus, Optional<String> cudaVisibleDevices) {
  public SlurmEnvironment {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(jobGpus, "jobGpus");
    Objects.requireNonNull(cudaVisibleDevices, "cudaVisibleDevices");
  }

  /** The Slurm variables of a parsed environment (an empty map for a process that is gone). */
  public static SlurmEnvironment of(long pid, Map<String, String> environment) {
    return new SlurmEnvironment(
        pid,
        environment.getOrDefault("SLURM_JOB_ID", ""),
        Optional.ofNullable(environment.get("SLURM_JOB_GPUS")),
        Optional.ofNullable(environment.get("CUDA_VISIBLE_DEVICES")));
  }

  /** A process whose environment was not read (it belongs to a pod). */
  public static SlurmEnvironment none(long pid) {
    return new SlurmEnvironment(pid, "", Optional.empty(), Optional.empty());
  }

  /** True when {@code SLURM_JOB_ID} is a job id Slurm can be asked about. */
  public boolean namesNumericJob() {
    return !jobId.isEmpty() && jobId.chars().allMatch(Character::isDigit);
  }
}
