package io.clusterwatch.agent.config;

/**
 * {@code metrics}: the agent's own Prometheus endpoint.
 *
 * @param enabled serve {@code /metrics} at all
 * @param host address to bind ({@code --listen HOST:PORT})
 * @param port TCP port, default 9477; 0 picks a free one
 */
public record MetricsSettings(boolean enabled, String host, int port) {
  public static MetricsSettings defaults() {
    return new MetricsSettings(true, "0.0.0.0", 9477);
  }
}
