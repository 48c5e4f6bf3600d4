package io.clusterwatch.agent.jobs.process;

import io.clusterwatch.agent.gpu.GpuProcess;
import io.clusterwatch.agent.host.HostPaths;
import io.clusterwatch.agent.jobs.CgroupOwner;
import io.clusterwatch.agent.jobs.GpuProcessEvidence;
import io.clusterwatch.agent.jobs.GpuProcessSource;
import io.clusterwatch.agent.jobs.JobEvidence;
import io.clusterwatch.agent.jobs.JobEvidenceSource;
import io.clusterwatch.agent.jobs.PodCgroup;
import io.clusterwatch.agent.jobs.ProcReader;
import io.clusterwatch.agent.jobs.slurm.SlurmEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * NVML's processes and whom they belong to: PID to {@code /proc/<pid>/cgroup} (a Slurm job or a
 * Kubernetes pod) and, outside pods, to the Slurm variables of {@code /proc/<pid>/environ}. NVML
 * PIDs are host PIDs (ecosystem.md §0 item 3), so the agent must see the host's procfs.
 */
public final class GpuProcessEvidenceSource implements JobEvidenceSource {
  private final ProcReader proc;
  private final GpuProcessSource processes;

  public GpuProcessEvidenceSource(HostPaths paths, GpuProcessSource processes) {
    this.proc = new ProcReader(paths);
    this.processes = processes;
  }

  @Override
  public JobEvidence collect() {
    List<GpuProcessEvidence> out = new ArrayList<>();
    for (GpuProcess p : processes.processes()) {
      Optional<CgroupOwner> owner = proc.owner(p.pid());
      SlurmEnvironment environment =
          owner.isPresent() && owner.get() instanceof PodCgroup
              ? SlurmEnvironment.none(p.pid())
              : SlurmEnvironment.of(p.pid(), proc.environ(p.pid()));
      out.add(new GpuProcessEvidence(p, owner, environment));
    }
    return JobEvidence.ofGpuProcesses(out);
  }
}
