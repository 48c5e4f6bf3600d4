package io.clusterwatch.agent.jobs.slurm;

import java.util.Objects;

/**
 * What the Slurm prolog or epilog ({@code config/slurm/prolog.sh}, {@code epilog.sh}) wrote about a
 * job into the spool directory, one file {@code <job_id>.job} per job.
 *
 * @param event {@code started} (prolog) or {@code ended} (epilog)
 * @param jobId {@code SLURM_JOB_ID}
 * @param sluid {@code SLURM_JOB_SLUID}, empty before Slurm 26.05
 * @param user {@code SLURM_JOB_USER}
 * @param uid {@code SLURM_JOB_UID}
 * @param account {@code SLURM_JOB_ACCOUNT}
 * @param partition {@code SLURM_JOB_PARTITION}
 * @param jobGpus {@code SLURM_JOB_GPUS}: host GRES indices
 * @param cudaVisibleDevices the prolog's {@code CUDA_VISIBLE_DEVICES}: host indices there, unlike
 *     inside the job (ecosystem.md §0 item 2)
 * @param timeEpochSeconds when the script ran, seconds since the epoch
 */
public record SpoolRecord(
    String event,
    String jobId,
    String sluid,
    String user,
    String uid,
    String account,
    String partition,
    String jobGpus,
    String cudaVisibleDevices,
    long timeEpochSeconds) {
  public static final String STARTED = "started";
  public static final String ENDED = "ended";

  public SpoolRecord {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(jobId, "jobId");
  }

  public boolean ended() {
    return ENDED.equals(event);
  }
}
