package io.clusterwatch.hub.metrics;

/**
 * {@code metrics}: who may read the hub's own {@code /metrics}.
 *
 * @param bearerTokenFile a file holding the token Prometheus sends as {@code Authorization: Bearer}
 *     ({@code bearer_token_file}); with a login mode other than none, /metrics needs this token or
 *     an operator's session
 */
public record MetricsSettings(String bearerTokenFile) {
  public static MetricsSettings defaults() {
    return new MetricsSettings(null);
  }
}
