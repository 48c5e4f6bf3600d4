package io.clusterwatch.agent.jobs;

/**
 * One place this node learns about jobs from (the Slurm spool, Slurm's cgroups, NVML's processes,
 * the kubelet, the agent config). It reads what it can see now and judges nothing: which job owns
 * which GPU is decided by {@link JobMerge} over the evidence of every source together.
 */
@FunctionalInterface
public interface JobEvidenceSource {
  /** What this source sees now; empty lists where it sees nothing. */
  JobEvidence collect();

  /**
   * What this source sees now, told what the sources read before it in the same pass. A fallback
   * source (Slurm's job listing, asked only while nothing on the node tells of jobs) looks at
   * {@code earlier}; every other source ignores it.
   */
  default JobEvidence collect(JobEvidence earlier) {
    return collect();
  }
}
