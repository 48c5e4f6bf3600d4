package io.clusterwatch.hub.history;

import io.clusterwatch.common.config.Checks;
import io.clusterwatch.common.config.ConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/**
 * The {@code history:} section of hub.yaml: a Prometheus-compatible database (VictoriaMetrics,
 * Prometheus, Mimir, Thanos) that holds what the hub's remote write sent, read back through its
 * HTTP API for ranges older than the hub's own tiers and for jobs of other clusters.
 *
 * @param promqlUrl the database's Prometheus API root, e.g. {@code http://victoria:8428} (the hub
 *     appends {@code /api/v1/query_range}); Prometheus: {@code http://prom:9090}
 * @param timeout how long one query may take before the answer goes without it
 * @param bearerTokenFile a file holding a bearer token sent with every query, or null
 * @param jobLookback how far back a job unknown to this hub is looked for in the database
 */
public record HistorySettings(
    String promqlUrl, Duration timeout, String bearerTokenFile, Duration jobLookback) {
  public HistorySettings {
    if (promqlUrl == null || promqlUrl.isBlank()) {
      throw new ConfigException(
          "promql_url", "is required: the database's Prometheus API, e.g. http://victoria:8428");
    }
    try {
      URI uri = new URI(promqlUrl);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
          || uri.getHost() == null) {
        throw new ConfigException(
            "promql_url",
            "must be an http:// or https:// URL with a host, got '" + promqlUrl + "'");
      }
    } catch (URISyntaxException e) {
      throw new ConfigException("promql_url", "is not a URL: " + e.getMessage());
    }
    promqlUrl =
        promqlUrl.endsWith("/") ? promqlUrl.substring(0, promqlUrl.length() - 1) : promqlUrl;
    timeout = Checks.positive("timeout", timeout == null ? Duration.ofSeconds(10) : timeout);
    jobLookback =
        Checks.positive("job_lookback", jobLookback == null ? Duration.ofDays(90) : jobLookback);
  }

  /** Settings with the defaults for everything but the url. */
  public static HistorySettings of(String promqlUrl) {
    return new HistorySettings(promqlUrl, null, null, null);
  }
}
