package io.clusterwatch.hub.rules;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A job running on one host, from the hub's job registry.
 *
 * @param jobId job id
 * @param host the host
 * @param user owning user, empty when unknown
 * @param gpuUuids GPUs of this host allocated to the job
 * @param start when the job started
 * @param attributes the agent's job attributes: {@code account}, {@code partition}, {@code
 *     reservation}, {@code namespace}, {@code gpus_outside_allocation} (comma list), ...
 */
public record RunningJob(
    String jobId,
    String host,
    String user,
    List<String> gpuUuids,
    Instant start,
    Map<String, String> attributes) {
  public RunningJob {
    gpuUuids = List.copyOf(gpuUuids);
    attributes = Map.copyOf(attributes);
  }
}
