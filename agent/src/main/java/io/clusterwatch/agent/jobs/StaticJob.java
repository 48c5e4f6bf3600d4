package io.clusterwatch.agent.jobs;

import io.clusterwatch.common.config.Checks;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of {@code jobs.static}: a job that holds some GPUs of this node, declared by hand.
 *
 * @param id job id ({@code id}, required)
 * @param user owning user ({@code user})
 * @param name job name ({@code name})
 * @param gpus GPUs by UUID or PCI bus id; an index alone is not trusted ({@code gpus})
 * @param attributes account, partition, ... as free-form strings ({@code attributes})
 */
public record StaticJob(
    String id, String user, String name, List<String> gpus, Map<String, String> attributes) {
  public StaticJob {
    id = Checks.nonEmpty("id", id);
    user = Objects.requireNonNullElse(user, "");
    name = Objects.requireNonNullElse(name, "");
    gpus = List.copyOf(Objects.requireNonNullElse(gpus, List.of()));
    attributes = Map.copyOf(Objects.requireNonNullElse(attributes, Map.of()));
  }
}
