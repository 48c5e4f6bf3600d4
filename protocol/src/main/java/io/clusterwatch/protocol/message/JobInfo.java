package io.clusterwatch.protocol.message;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A job (Slurm job, Kubernetes pod, or static mapping) as seen from one node.
 *
 * @param jobId scheduler job id (Slurm job id, pod namespace/name, or the static name)
 * @param user owning user, empty when unknown
 * @param name job name, empty when unknown
 * @param gpuUuids the GPUs of this node the job holds, by UUID
 * @param startMs start time, ms since the epoch
 * @param source how the mapping was found, e.g. {@code "slurm: cgroup + NVML process list agree"}
 * @param attributes more metadata: account, partition, reservation, namespace, time_limit, ...
 */
public record JobInfo(
    @Required String jobId,
    String user,
    String name,
    List<String> gpuUuids,
    long startMs,
    String source,
    Map<String, String> attributes) {
  public JobInfo {
    Objects.requireNonNull(jobId, "jobId");
    user = user == null ? "" : user;
    name = name == null ? "" : name;
    gpuUuids = List.copyOf(gpuUuids);
    source = source == null ? "" : source;
    attributes = Map.copyOf(attributes);
  }
}
