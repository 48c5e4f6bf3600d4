package io.clusterwatch.agent.jobs.slurm;

import java.util.Optional;

/** Slurm's own record of a job, when Slurm's commands are available on this node. */
@FunctionalInterface
public interface SlurmMetadata {
  Optional<SlurmJobRecord> lookup(String jobId);
}
