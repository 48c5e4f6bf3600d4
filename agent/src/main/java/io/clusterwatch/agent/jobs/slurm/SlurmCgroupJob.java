package io.clusterwatch.agent.jobs.slurm;

import io.clusterwatch.agent.jobs.SlurmCgroup;
import java.util.List;
import java.util.Objects;

/**
 * A Slurm job cgroup on this node and the Slurm environment of up to {@link
 * SlurmCgroupScanner#MAX_PIDS} of its processes, in the order the scan found them.
 */
public record SlurmCgroupJob(SlurmCgroup owner, List<SlurmEnvironment> processes) {
  public SlurmCgroupJob {
    Objects.requireNonNull(owner, "owner");
    processes = List.copyOf(processes);
  }
}
