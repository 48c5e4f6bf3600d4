package io.clusterwatch.agent.pressure;

import io.clusterwatch.agent.collect.CollectorSettings;
import java.util.Objects;

/**
 * {@code collectors.pressure}: the node's pressure stall information, {@code /proc/pressure}.
 *
 * @param enabled run the collector ({@code enabled}, default true)
 */
public record PressureSettings(Boolean enabled) implements CollectorSettings {
  public PressureSettings {
    enabled = Objects.requireNonNullElse(enabled, true);
  }
}
