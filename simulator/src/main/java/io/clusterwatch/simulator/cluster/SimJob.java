package io.clusterwatch.simulator.cluster;

import io.clusterwatch.protocol.message.JobInfo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One simulated batch job.
 *
 * @param id Slurm-style numeric job id
 * @param user owning user
 * @param name job name
 * @param account Slurm account (course or lab)
 * @param workload what the job does
 * @param startMs start, ms since the epoch
 * @param endMs planned end, ms since the epoch
 * @param gpusByHost the GPU indices it holds on each of its nodes, in node order
 * @param traits its fixed character
 */
record SimJob(
    String id,
    String user,
    String name,
    String account,
    Workload workload,
    long startMs,
    long endMs,
    Map<String, List<Integer>> gpusByHost,
    JobTraits traits) {

  static final String PARTITION = "gpu";
  static final String SOURCE = "simulator";

  SimJob {
    Map<String, List<Integer>> copy = new LinkedHashMap<>();
    gpusByHost.forEach((h, g) -> copy.put(h, List.copyOf(g)));
    gpusByHost = Collections.unmodifiableMap(copy);
  }

  int gpuCount() {
    return gpusByHost.values().stream().mapToInt(List::size).sum();
  }

  boolean multiNode() {
    return gpusByHost.size() > 1;
  }

  double elapsedSeconds(long nowMs) {
    return (nowMs - startMs) / 1000.0;
  }

  /** The job as the given node reports it: only that node's GPUs, by UUID. */
  JobInfo toJobInfo(NodeHardware node) {
    List<String> uuids = new ArrayList<>();
    for (int index : gpusByHost.getOrDefault(node.host(), List.of())) {
      uuids.add(node.gpus().get(index).uuid());
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("account", account);
    attributes.put("partition", PARTITION);
    attributes.put("time_limit", timeLimit());
    attributes.put("nodes", String.join(",", gpusByHost.keySet()));
    return new JobInfo(id, user, name, uuids, startMs, SOURCE, attributes);
  }

  /**
   * The requested wall time, the planned run time rounded up to the next hour, as Slurm prints it.
   */
  String timeLimit() {
    long hours = Math.max(1, (endMs - startMs + 3_599_999L) / 3_600_000L);
    return String.format("%02d:00:00", hours);
  }
}
