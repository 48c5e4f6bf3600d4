package io.clusterwatch.agent.jobs.slurm;

import io.clusterwatch.agent.jobs.MergedJobs;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * Deletes the spool files a merge has finished with: a stale prolog record (its job has no cgroup
 * long after the prolog ran) and an epilog record whose job cgroup is gone. Runs only after a merge
 * succeeded, so a failed pass leaves every record for the next one.
 */
public final class SpoolCleanup {
  private static final Logger LOG = System.getLogger(SpoolCleanup.class.getName());

  private final SpoolDirectory spool;

  public SpoolCleanup(SpoolDirectory spool) {
    this.spool = spool;
  }

  public void apply(MergedJobs merged) {
    for (String jobId : merged.staleSpoolJobs()) {
      LOG.log(
          Level.INFO, "job " + jobId + " has a prolog record but no cgroup; treating it as ended");
      spool.remove(jobId);
    }
    for (String jobId : merged.endedSpoolJobs()) {
      spool.remove(jobId);
    }
  }
}
