package io.clusterwatch.agent.cpu;

import io.clusterwatch.agent.collect.CollectorSettings;
import java.util.Objects;

/**
 * {@code collectors.cpu}: per-CPU time from {@code /proc/stat}.
 *
 * @param enabled run the collector ({@code enabled}, default true)
 */
public record CpuSettings(Boolean enabled) implements CollectorSettings {
  public CpuSettings {
    enabled = Objects.requireNonNullElse(enabled, true);
  }
}
