package io.clusterwatch.agent.config;

import java.util.List;
import java.util.Map;

/**
 * One entry of {@code jobs.static}: a job that holds some GPUs of this node, declared by hand.
 *
 * @param id job id
 * @param user owning user
 * @param name job name
 * @param gpus GPUs by UUID or PCI bus id (an index alone is not trusted)
 * @param attributes account, partition, ... as free-form strings
 */
public record StaticJob(
    String id, String user, String name, List<String> gpus, Map<String, String> attributes) {
  public StaticJob {
    gpus = List.copyOf(gpus);
    attributes = Map.copyOf(attributes);
  }
}
