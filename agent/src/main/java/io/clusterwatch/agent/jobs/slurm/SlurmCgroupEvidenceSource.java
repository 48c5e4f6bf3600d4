package io.clusterwatch.agent.jobs.slurm;

import io.clusterwatch.agent.host.HostPaths;
import io.clusterwatch.agent.jobs.JobEvidence;
import io.clusterwatch.agent.jobs.JobEvidenceSource;
import io.clusterwatch.agent.jobs.ProcReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Slurm's job cgroups on this node and the environment of their processes, so that a job shows up
 * even while none of its processes touches a GPU.
 */
public final class SlurmCgroupEvidenceSource implements JobEvidenceSource {
  private final SlurmCgroupScanner scanner;
  private final ProcReader proc;

  public SlurmCgroupEvidenceSource(HostPaths paths) {
    this.scanner = new SlurmCgroupScanner(paths);
    this.proc = new ProcReader(paths);
  }

  @Override
  public JobEvidence collect() {
    List<SlurmCgroupJob> jobs = new ArrayList<>();
    for (SlurmCgroupScanner.ScannedJob scanned : scanner.scan()) {
      List<SlurmEnvironment> environments = new ArrayList<>();
      for (long pid : scanned.pids()) {
        environments.add(SlurmEnvironment.of(pid, proc.environ(pid)));
      }
      jobs.add(new SlurmCgroupJob(scanned.owner(), environments));
    }
    return JobEvidence.ofSlurmCgroups(jobs, scanner.slurmTreePresent());
  }
}
