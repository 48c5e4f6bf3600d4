package io.clusterwatch.agent.gpu;

import java.util.Objects;

/**
 * One MIG device of a MIG-enabled GPU.
 *
 * @param uuid {@code MIG-...}
 * @param memoryUsedBytes memory used by contexts on this instance
 * @param memoryTotalBytes memory of this instance
 */
public record MigInstance(String uuid, long memoryUsedBytes, long memoryTotalBytes) {
  public MigInstance {
    Objects.requireNonNull(uuid, "uuid");
  }
}
