package io.clusterwatch.agent.jobs.staticjobs;

import io.clusterwatch.agent.jobs.JobEvidence;
import io.clusterwatch.agent.jobs.JobEvidenceSource;
import io.clusterwatch.agent.jobs.StaticJob;
import java.util.List;

/** The jobs declared in the agent config ({@code jobs.static}); the same every pass. */
public final class StaticJobEvidenceSource implements JobEvidenceSource {
  private final List<StaticJob> jobs;

  public StaticJobEvidenceSource(List<StaticJob> jobs) {
    this.jobs = List.copyOf(jobs);
  }

  @Override
  public JobEvidence collect() {
    return JobEvidence.ofStaticJobs(jobs);
  }
}
