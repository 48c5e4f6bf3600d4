package io.clusterwatch.agent.jobs;

import io.clusterwatch.agent.jobs.slurm.SlurmJobRecord;
import io.clusterwatch.agent.jobs.slurm.SlurmMetadata;
import io.clusterwatch.agent.jobs.slurm.SpoolCleanup;
import io.clusterwatch.protocol.message.JobInfo;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One discovery pass: reads the evidence of every source (ecosystem.md A1, A2), asks Slurm about
 * the Slurm jobs found ({@code scontrol show job --json}, else {@code squeue --json}, else {@code
 * scontrol show job -d}, see {@code ScontrolMetadata}) unless a source brought Slurm's record
 * along, merges it all into this node's job set ({@link JobMerge}) and then lets the spool clean-up
 * delete the records the merge is done with. One instance is used from one thread at a time.
 */
public final class JobDiscovery {
  private final GpuInventory inventory;
  private final List<JobEvidenceSource> sources;
  private final SlurmMetadata slurm;
  private final Optional<SpoolCleanup> spoolCleanup;
  private final GpuIndexMeaning indexMeaning;
  private final String nodeName;
  private final Clock clock;
  private Map<String, Long> firstSeenMs = Map.of();

  /**
   * @param sources read in this order every pass, each told what the ones before it read
   * @param slurm Slurm's job records; {@code id -> Optional.empty()} where Slurm's commands are
   *     absent
   * @param spoolCleanup deletes finished spool records, if Slurm hooks are installed
   * @param nodeName this node's Slurm NodeName, to pick its entry of a multi-node job's GRES
   */
  public JobDiscovery(
      GpuInventory inventory,
      List<JobEvidenceSource> sources,
      SlurmMetadata slurm,
      Optional<SpoolCleanup> spoolCleanup,
      GpuIndexMeaning indexMeaning,
      String nodeName,
      Clock clock) {
    this.inventory = inventory;
    this.sources = List.copyOf(sources);
    this.slurm = slurm;
    this.spoolCleanup = spoolCleanup;
    this.indexMeaning = indexMeaning;
    this.nodeName = nodeName;
    this.clock = clock;
  }

  /** Every job on this node now: Slurm jobs by job id, then pods, then static jobs. */
  public List<JobInfo> discover() {
    long nowMs = clock.millis();
    JobMerge merge = new JobMerge(inventory.devices(), indexMeaning, nodeName);
    JobEvidence evidence = JobEvidence.NONE;
    for (JobEvidenceSource source : sources) {
      evidence = evidence.plus(source.collect(evidence));
    }
    // Records a source already brought (squeue --json) need no lookup of their own.
    Map<String, SlurmJobRecord> records = new LinkedHashMap<>(evidence.slurmRecords());
    for (String jobId : merge.slurmJobsToLookUp(evidence, nowMs)) {
      if (!records.containsKey(jobId)) {
        slurm.lookup(jobId).ifPresent(r -> records.put(jobId, r));
      }
    }
    MergedJobs merged = merge.merge(evidence.withSlurmRecords(records), firstSeenMs, nowMs);
    spoolCleanup.ifPresent(c -> c.apply(merged));
    firstSeenMs = merged.firstSeenMs();
    return merged.jobs();
  }
}
