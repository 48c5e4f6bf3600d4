package io.clusterwatch.agent.jobs;

import io.clusterwatch.agent.gpu.GpuProcess;
import io.clusterwatch.agent.jobs.slurm.SlurmEnvironment;
import java.util.Objects;
import java.util.Optional;

/**
 * A process NVML lists on a GPU, with what its {@code /proc/<pid>} says about its owner.
 *
 * @param process the NVML process (host PID, GPU UUID)
 * @param owner the Slurm job or Kubernetes pod its cgroup belongs to, empty when neither
 * @param environment its Slurm variables; {@link SlurmEnvironment#none} for a pod's process
 */
public record GpuProcessEvidence(
    GpuProcess process, Optional<CgroupOwner> owner, SlurmEnvironment environment) {
  public GpuProcessEvidence {
    Objects.requireNonNull(process, "process");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(environment, "environment");
  }
}
