package io.clusterwatch.agent.jobcgroup;

import java.nio.file.Path;
import java.util.List;

/**
 * One job's cgroup on this node: its directory in the unified hierarchy (cgroup v2), or its
 * directory under each v1 controller that has one ({@code cpu,cpuacct}, {@code memory}, {@code
 * blkio}, ...).
 *
 * @param jobId what the path names: the Slurm job id ({@code job_<id>}), the SLUID where Slurm
 *     26.05 names the cgroup by it, or the Kubernetes pod UID; the hub matches it against the job's
 *     id and its {@code sluid} and {@code pod_uid} attributes
 * @param dirs the job-level directories (never a step's or a container's)
 */
record JobCgroup(String jobId, List<Path> dirs) {
  JobCgroup {
    dirs = List.copyOf(dirs);
  }
}
