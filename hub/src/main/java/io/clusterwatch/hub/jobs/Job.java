package io.clusterwatch.hub.jobs;

import java.util.List;
import java.util.Map;

/**
 * A job as the registry knows it, with its part of the allocation timeline.
 *
 * @param endMs when it finished, 0 while running
 * @param source where the job came from (the agent's discovery method, {@code static}, ...)
 */
public record Job(
    String id,
    String user,
    String name,
    Map<String, String> attributes,
    JobState state,
    long startMs,
    long endMs,
    String source,
    List<Allocation> allocations) {

  /** Hosts of the job, in order of first allocation. */
  public List<String> hosts() {
    return allocations.stream().map(Allocation::host).distinct().toList();
  }
}
