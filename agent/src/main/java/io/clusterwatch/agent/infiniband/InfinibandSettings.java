package io.clusterwatch.agent.infiniband;

import io.clusterwatch.agent.collect.CollectorSettings;
import java.util.Objects;

/**
 * {@code collectors.infiniband}: InfiniBand and RoCE port counters from {@code
 * /sys/class/infiniband}.
 *
 * @param enabled run the collector ({@code enabled}, default true)
 */
public record InfinibandSettings(Boolean enabled) implements CollectorSettings {
  public InfinibandSettings {
    enabled = Objects.requireNonNullElse(enabled, true);
  }
}
