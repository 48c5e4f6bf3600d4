package io.clusterwatch.agent.jobs;

import io.clusterwatch.agent.jobs.kubernetes.PodJobMerge;
import io.clusterwatch.agent.jobs.slurm.SlurmJobMerge;
import io.clusterwatch.agent.jobs.staticjobs.StaticJobMerge;
import io.clusterwatch.protocol.message.JobInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the evidence of every source into this node's job set: Slurm jobs ({@link SlurmJobMerge}),
 * then Kubernetes pods ({@link PodJobMerge}), then static jobs ({@link StaticJobMerge}). Every GPU
 * ends up named by UUID; indices count only where Slurm defines them as host indices, read with the
 * configured {@link GpuIndexMeaning}. A function of its arguments: it reads no file, runs no
 * command and deletes nothing.
 */
public final class JobMerge {
  private final GpuResolver resolver;
  private final SlurmJobMerge slurm;

  /**
   * @param devices this node's GPUs now
   * @param nodeName this node's Slurm NodeName, to pick its entry of a multi-node job's GRES
   */
  public JobMerge(List<GpuDevice> devices, GpuIndexMeaning indexMeaning, String nodeName) {
    this.resolver = new GpuResolver(devices, indexMeaning);
    this.slurm = new SlurmJobMerge(resolver, nodeName);
  }

  /** The Slurm jobs whose record {@link #merge} wants in {@link JobEvidence#slurmRecords}. */
  public List<String> slurmJobsToLookUp(JobEvidence evidence, long nowMs) {
    return slurm.jobsToLookUp(evidence, nowMs);
  }

  /**
   * @param firstSeenMs first-seen times from the previous merge ({@link MergedJobs#firstSeenMs})
   * @param nowMs the time of this pass
   */
  public MergedJobs merge(JobEvidence evidence, Map<String, Long> firstSeenMs, long nowMs) {
    StartTimes starts = new StartTimes(firstSeenMs, nowMs);
    SlurmJobMerge.Result slurmJobs = slurm.merge(evidence, nowMs, starts);
    List<JobInfo> out = new ArrayList<>(slurmJobs.jobs());
    out.addAll(
        PodJobMerge.jobs(
            evidence.gpuProcesses(), evidence.podAllocations(), resolver, starts::firstSeen));
    out.addAll(StaticJobMerge.jobs(evidence.staticJobs(), resolver, starts::firstSeen));
    Set<String> live = new HashSet<>();
    out.forEach(j -> live.add(j.jobId()));
    return new MergedJobs(
        out, starts.retainOnly(live), slurmJobs.staleSpoolJobs(), slurmJobs.endedSpoolJobs());
  }
}
