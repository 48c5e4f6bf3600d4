package io.clusterwatch.agent.expose;

import io.clusterwatch.common.config.Checks;
import java.util.Objects;

/**
 * {@code metrics}: the agent's own Prometheus endpoint.
 *
 * @param enabled serve {@code /metrics} at all ({@code enabled}, default true; {@code
 *     --no-metrics})
 * @param host address to bind ({@code host}, default 0.0.0.0; {@code --listen HOST:PORT})
 * @param port TCP port ({@code port}, default 9477; 0 picks a free one)
 */
public record MetricsSettings(Boolean enabled, String host, Integer port) {
  public MetricsSettings {
    enabled = Objects.requireNonNullElse(enabled, true);
    host = Checks.nonEmpty("host", Objects.requireNonNullElse(host, "0.0.0.0"));
    port = Checks.inRange("port", Objects.requireNonNullElse(port, 9477), 0, 65535);
  }

  /** Every default. */
  public static MetricsSettings defaults() {
    return new MetricsSettings(null, null, null);
  }
}
