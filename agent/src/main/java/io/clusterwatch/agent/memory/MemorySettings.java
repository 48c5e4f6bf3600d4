package io.clusterwatch.agent.memory;

import io.clusterwatch.agent.collect.CollectorSettings;
import java.util.Objects;

/**
 * {@code collectors.memory}: {@code /proc/meminfo}.
 *
 * @param enabled run the collector ({@code enabled}, default true)
 */
public record MemorySettings(Boolean enabled) implements CollectorSettings {
  public MemorySettings {
    enabled = Objects.requireNonNullElse(enabled, true);
  }
}
