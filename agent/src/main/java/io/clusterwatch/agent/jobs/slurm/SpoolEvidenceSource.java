package io.clusterwatch.agent.jobs.slurm;

import io.clusterwatch.agent.jobs.JobEvidence;
import io.clusterwatch.agent.jobs.JobEvidenceSource;
import java.util.List;

/**
 * The prolog/epilog records in the spool directory; it only reads them ({@link SpoolCleanup}
 * deletes).
 */
public final class SpoolEvidenceSource implements JobEvidenceSource {
  private final SpoolDirectory spool;

  public SpoolEvidenceSource(SpoolDirectory spool) {
    this.spool = spool;
  }

  @Override
  public JobEvidence collect() {
    return JobEvidence.ofSpool(List.copyOf(spool.read().values()));
  }
}
