package io.clusterwatch.hub.remotewrite;

import io.clusterwatch.common.config.ByteSize;
import io.clusterwatch.common.config.Checks;
import io.clusterwatch.common.config.ConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * One entry of {@code remote_write:} in hub.yaml: an endpoint that takes Prometheus remote write
 * 1.0. Keys are spelled as in Prometheus's own {@code remote_write} configuration.
 *
 * @param url the endpoint, e.g. {@code http://vm:8428/api/v1/write} (VictoriaMetrics) or {@code
 *     http://prom:9090/api/v1/write} (Prometheus with {@code --web.enable-remote-write-receiver})
 * @param name the {@code remote_name} tag of this endpoint's meters; defaults to host and port of
 *     the url
 * @param remoteTimeout how long one request may take
 * @param headers extra HTTP headers on every request (a tenant id, for instance)
 * @param basicAuth HTTP basic authentication, or null
 * @param bearerTokenFile a file holding a bearer token, or null
 * @param tlsConfig trust for an {@code https} url, or null for the JVM's default trust
 * @param queueConfig queue, batching and retry
 * @param externalLabels labels added to every series sent ({@code cluster: a100-east}); a series'
 *     own label of the same name wins, as in Prometheus ({@code global.external_labels} there)
 */
public record RemoteWriteSettings(
    String url,
    String name,
    Duration remoteTimeout,
    Map<String, String> headers,
    BasicAuth basicAuth,
    String bearerTokenFile,
    TlsConfig tlsConfig,
    QueueConfig queueConfig,
    Map<String, String> externalLabels) {

  public RemoteWriteSettings {
    if (url == null || url.isBlank()) {
      throw new ConfigException(
          "url", "is required: the remote write endpoint, e.g. http://victoria:8428/api/v1/write");
    }
    URI uri = parseUrl(url);
    name = name == null || name.isBlank() ? uri.getHost() + ":" + port(uri) : name;
    remoteTimeout =
        Checks.positive(
            "remote_timeout", remoteTimeout == null ? Duration.ofSeconds(30) : remoteTimeout);
    headers = headers == null ? Map.of() : Map.copyOf(headers);
    if (basicAuth != null && bearerTokenFile != null) {
      throw new ConfigException("bearer_token_file", "cannot be set together with basic_auth");
    }
    tlsConfig = tlsConfig == null ? new TlsConfig(null, null) : tlsConfig;
    queueConfig =
        queueConfig == null
            ? new QueueConfig(null, null, null, null, null, null, null)
            : queueConfig;
    externalLabels = externalLabels == null ? Map.of() : new TreeMap<>(externalLabels);
    for (String label : externalLabels.keySet()) {
      if (!label.matches("[a-zA-Z_][a-zA-Z0-9_]*") || label.startsWith("__")) {
        throw new ConfigException(
            "external_labels." + label, "is not a valid Prometheus label name");
      }
    }
  }

  private static URI parseUrl(String url) {
    try {
      URI uri = new URI(url);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
          || uri.getHost() == null) {
        throw new ConfigException(
            "url", "must be an http:// or https:// URL with a host, got '" + url + "'");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new ConfigException("url", "is not a URL: " + e.getMessage());
    }
  }

  private static int port(URI uri) {
    return uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
  }

  /**
   * HTTP basic authentication; the password is read from a file so that it stays out of hub.yaml.
   *
   * @param username the user name
   * @param passwordFile a file holding the password (trailing newline ignored)
   */
  public record BasicAuth(String username, String passwordFile) {
    public BasicAuth {
      if (username == null || username.isEmpty()) {
        throw new ConfigException("username", "is required for basic_auth");
      }
      if (passwordFile == null || passwordFile.isEmpty()) {
        throw new ConfigException("password_file", "is required for basic_auth");
      }
    }
  }

  /**
   * Trust for an {@code https} endpoint.
   *
   * @param caFile PEM file of the certificate authorities to trust instead of the JVM's
   * @param insecureSkipVerify accept any certificate and host name (testing only)
   */
  public record TlsConfig(String caFile, Boolean insecureSkipVerify) {
    public TlsConfig {
      insecureSkipVerify = insecureSkipVerify != null && insecureSkipVerify;
    }
  }

  /**
   * The queue between the hub's stored samples and the endpoint; defaults as in Prometheus.
   *
   * @param capacity samples held in memory for this endpoint, read ahead of its shards. With a data
   *     directory the endpoint reads the write-ahead log and simply stops reading while this many
   *     wait; without one, ingest feeds them in and past it the oldest are dropped (and counted in
   *     {@code prometheus_remote_storage_samples_dropped_total}). Either way a slow or dead
   *     database never holds up ingest or the live view
   * @param maxShards concurrent requests; every series always goes to the same shard, so samples of
   *     one series arrive in order
   * @param maxSamplesPerSend samples per request at most
   * @param batchSendDeadline longest a sample waits for its request to fill
   * @param minBackoff first wait before retrying a 5xx, a 429 or a failed connection
   * @param maxBackoff longest wait between retries (the wait doubles from min_backoff)
   * @param maxWalLag with a data directory: how far, in bytes of write-ahead log, the endpoint may
   *     fall behind what ingest appends; past it its oldest unsent log segment is released (its
   *     samples counted as dropped and logged), so a database gone for good cannot fill the disk.
   *     Without a data directory it does not apply
   */
  public record QueueConfig(
      Integer capacity,
      Integer maxShards,
      Integer maxSamplesPerSend,
      Duration batchSendDeadline,
      Duration minBackoff,
      Duration maxBackoff,
      ByteSize maxWalLag) {
    /** The default {@code max_wal_lag}: about 7 h of log at 100 nodes of 200 series at 1 Hz. */
    public static final ByteSize DEFAULT_MAX_WAL_LAG = ByteSize.ofGiB(4);

    /** The queue settings of Prometheus's defaults, with {@code max_wal_lag} at its default. */
    public QueueConfig(
        Integer capacity,
        Integer maxShards,
        Integer maxSamplesPerSend,
        Duration batchSendDeadline,
        Duration minBackoff,
        Duration maxBackoff) {
      this(capacity, maxShards, maxSamplesPerSend, batchSendDeadline, minBackoff, maxBackoff, null);
    }

    public QueueConfig {
      capacity = Checks.positive("capacity", capacity == null ? 10_000 : capacity);
      maxShards = Checks.inRange("max_shards", maxShards == null ? 50 : maxShards, 1, 1000);
      maxSamplesPerSend =
          Checks.positive(
              "max_samples_per_send", maxSamplesPerSend == null ? 2000 : maxSamplesPerSend);
      batchSendDeadline =
          Checks.positive(
              "batch_send_deadline",
              batchSendDeadline == null ? Duration.ofSeconds(5) : batchSendDeadline);
      minBackoff =
          Checks.positive("min_backoff", minBackoff == null ? Duration.ofMillis(30) : minBackoff);
      maxBackoff =
          Checks.positive("max_backoff", maxBackoff == null ? Duration.ofSeconds(5) : maxBackoff);
      maxWalLag =
          Checks.positive("max_wal_lag", maxWalLag == null ? DEFAULT_MAX_WAL_LAG : maxWalLag);
      if (maxBackoff.compareTo(minBackoff) < 0) {
        throw new ConfigException("max_backoff", "must not be shorter than min_backoff");
      }
      if (capacity < maxSamplesPerSend) {
        throw new ConfigException(
            "capacity",
            "must hold at least max_samples_per_send ("
                + maxSamplesPerSend
                + ") samples, got "
                + capacity);
      }
    }
  }
}
