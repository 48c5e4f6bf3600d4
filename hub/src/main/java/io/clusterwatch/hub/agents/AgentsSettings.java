package io.clusterwatch.hub.agents;

import io.clusterwatch.common.config.Checks;
import java.util.Objects;

/**
 * {@code agents}: when an agent counts as stale.
 *
 * @param staleAfterIntervals an agent with no frame for this many of its sampling intervals is
 *     stale ({@code stale_after_intervals}, default 3)
 */
public record AgentsSettings(Integer staleAfterIntervals) {
  public AgentsSettings {
    staleAfterIntervals =
        Checks.inRange(
            "stale_after_intervals", Objects.requireNonNullElse(staleAfterIntervals, 3), 1, 1000);
  }

  public static AgentsSettings defaults() {
    return new AgentsSettings(null);
  }
}
