package io.clusterwatch.hub.jobs;

import io.clusterwatch.common.config.Checks;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of {@code jobs.static}: a job holding GPUs of one host, mapped in configuration rather
 * than reported by an agent.
 *
 * @param id job id ({@code id}, required)
 * @param user owning user ({@code user})
 * @param name job name ({@code name})
 * @param host the host whose GPUs it holds ({@code host}, required)
 * @param gpuUuids the GPUs, by UUID ({@code gpu_uuids})
 * @param start when it started, a UTC time such as {@code 2026-01-31T08:00:00Z}; absent means when
 *     the hub starts ({@code start})
 * @param attributes account, partition, ... as free-form strings ({@code attributes})
 */
public record StaticJob(
    String id,
    String user,
    String name,
    String host,
    List<String> gpuUuids,
    Instant start,
    Map<String, String> attributes) {
  public StaticJob {
    id = Checks.nonEmpty("id", id);
    user = Objects.requireNonNullElse(user, "");
    name = Objects.requireNonNullElse(name, "");
    host = Checks.nonEmpty("host", host);
    gpuUuids = List.copyOf(Objects.requireNonNullElse(gpuUuids, List.of()));
    attributes = Map.copyOf(Objects.requireNonNullElse(attributes, Map.of()));
  }

  /** {@link #start}, which is absent when the job counts as started with the hub. */
  public Optional<Instant> startTime() {
    return Optional.ofNullable(start);
  }
}
