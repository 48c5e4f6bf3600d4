package io.clusterwatch.agent.jobs;

import io.clusterwatch.agent.jobs.kubernetes.podresources.ContainerDevices;
import io.clusterwatch.agent.jobs.slurm.SlurmCgroupJob;
import io.clusterwatch.agent.jobs.slurm.SlurmJobRecord;
import io.clusterwatch.agent.jobs.slurm.SpoolRecord;
import io.clusterwatch.agent.jobs.slurm.SqueueJob;
import io.clusterwatch.agent.jobs.slurm.SqueueListing;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one discovery pass read about the jobs of this node, as read: GPUs still named the way
 * each source names them (indices, UUID prefixes, PCI bus ids), nothing matched up yet.
 *
 * @param spool the prolog/epilog records of the spool directory
 * @param slurmCgroups Slurm job cgroups with the Slurm environment of some of their processes
 * @param slurmCgroupTree whether the node has a Slurm cgroup tree at all, so that a prolog record
 *     without a cgroup means the job is gone
 * @param gpuProcesses NVML's processes with the cgroup and Slurm environment of each
 * @param podAllocations the kubelet's device assignments (all resources, GPUs or not)
 * @param staticJobs the jobs declared in the agent config
 * @param slurmRecords Slurm's own record of a job, by job id, where Slurm's commands answered
 * @param squeueJobs the jobs Slurm's {@code squeue} lists as running on this node (a fallback
 *     source)
 */
public record JobEvidence(
    List<SpoolRecord> spool,
    List<SlurmCgroupJob> slurmCgroups,
    boolean slurmCgroupTree,
    List<GpuProcessEvidence> gpuProcesses,
    List<ContainerDevices> podAllocations,
    List<StaticJob> staticJobs,
    Map<String, SlurmJobRecord> slurmRecords,
    List<SqueueJob> squeueJobs) {
  /** No evidence at all. */
  public static final JobEvidence NONE =
      new JobEvidence(
          List.of(), List.of(), false, List.of(), List.of(), List.of(), Map.of(), List.of());

  public JobEvidence {
    spool = List.copyOf(spool);
    slurmCgroups = List.copyOf(slurmCgroups);
    gpuProcesses = List.copyOf(gpuProcesses);
    podAllocations = List.copyOf(podAllocations);
    staticJobs = List.copyOf(staticJobs);
    slurmRecords = Collections.unmodifiableMap(new LinkedHashMap<>(slurmRecords));
    squeueJobs = List.copyOf(squeueJobs);
  }

  public static JobEvidence ofSpool(List<SpoolRecord> records) {
    return new JobEvidence(
        records, List.of(), false, List.of(), List.of(), List.of(), Map.of(), List.of());
  }

  public static JobEvidence ofSlurmCgroups(List<SlurmCgroupJob> cgroups, boolean slurmCgroupTree) {
    return new JobEvidence(
        List.of(), cgroups, slurmCgroupTree, List.of(), List.of(), List.of(), Map.of(), List.of());
  }

  public static JobEvidence ofGpuProcesses(List<GpuProcessEvidence> processes) {
    return new JobEvidence(
        List.of(), List.of(), false, processes, List.of(), List.of(), Map.of(), List.of());
  }

  public static JobEvidence ofPodAllocations(List<ContainerDevices> allocations) {
    return new JobEvidence(
        List.of(), List.of(), false, List.of(), allocations, List.of(), Map.of(), List.of());
  }

  public static JobEvidence ofStaticJobs(List<StaticJob> jobs) {
    return new JobEvidence(
        List.of(), List.of(), false, List.of(), List.of(), jobs, Map.of(), List.of());
  }

  /** squeue's jobs, and Slurm's records of them where the listing carried them. */
  public static JobEvidence ofSqueue(SqueueListing listing) {
    return new JobEvidence(
        List.of(),
        List.of(),
        false,
        List.of(),
        List.of(),
        List.of(),
        listing.records(),
        listing.jobs());
  }

  /** This evidence and {@code other}'s, this one's first in every list. */
  public JobEvidence plus(JobEvidence other) {
    Map<String, SlurmJobRecord> records = new LinkedHashMap<>(slurmRecords);
    records.putAll(other.slurmRecords);
    return new JobEvidence(
        concat(spool, other.spool),
        concat(slurmCgroups, other.slurmCgroups),
        slurmCgroupTree || other.slurmCgroupTree,
        concat(gpuProcesses, other.gpuProcesses),
        concat(podAllocations, other.podAllocations),
        concat(staticJobs, other.staticJobs),
        records,
        concat(squeueJobs, other.squeueJobs));
  }

  /** This evidence with Slurm's records of the jobs it found. */
  public JobEvidence withSlurmRecords(Map<String, SlurmJobRecord> records) {
    return new JobEvidence(
        spool,
        slurmCgroups,
        slurmCgroupTree,
        gpuProcesses,
        podAllocations,
        staticJobs,
        records,
        squeueJobs);
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
