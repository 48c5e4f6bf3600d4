package io.clusterwatch.agent.ship;

import io.clusterwatch.common.config.ByteSize;
import io.clusterwatch.common.config.Checks;
import io.clusterwatch.common.config.ConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * {@code hub}: streaming to the hub with wire protocol v1.
 *
 * @param url the hub's ingest WebSocket, e.g. {@code ws://hub:8080/ingest}; empty (the default)
 *     disables streaming ({@code url}, {@code --hub})
 * @param token shared ingest token, empty when the hub requires none ({@code token}); prefer {@code
 *     token_file}
 * @param agentId stable agent id; empty means one derived from host name and boot id ({@code
 *     agent_id})
 * @param bufferFrames most unacknowledged frames kept for resend ({@code buffer_frames}, default
 *     600)
 * @param bufferSize most bytes of unacknowledged frames kept for resend ({@code buffer_size},
 *     default 32MiB)
 * @param backoffInitial first reconnect delay ({@code backoff_initial}, default 500ms)
 * @param backoffMax longest reconnect delay ({@code backoff_max}, default 30s)
 * @param connectTimeout WebSocket connect timeout ({@code connect_timeout}, default 5s)
 * @param tokenFile a file holding this node's token, so that it appears neither in {@code ps} nor
 *     in this file ({@code token_file}, {@code --hub-token-file})
 * @param caFile the CA certificates (PEM) a {@code wss://} hub's certificate must be signed by;
 *     empty: the system trust store ({@code ca_file}, {@code --hub-ca})
 * @param certFile this node's client certificate (PEM) for a hub with mutual TLS ({@code
 *     cert_file}, {@code --hub-cert})
 * @param keyFile its private key (PEM, PKCS#8 RSA or EC, or PKCS#1 RSA) ({@code key_file}, {@code
 *     --hub-key})
 */
public record HubSettings(
    String url,
    String token,
    String agentId,
    Integer bufferFrames,
    ByteSize bufferSize,
    Duration backoffInitial,
    Duration backoffMax,
    Duration connectTimeout,
    String tokenFile,
    String caFile,
    String certFile,
    String keyFile) {

  public HubSettings {
    url = webSocketUrl(Objects.requireNonNullElse(url, "").trim());
    token = Objects.requireNonNullElse(token, "");
    agentId = Objects.requireNonNullElse(agentId, "");
    bufferFrames =
        Checks.inRange(
            "buffer_frames", Objects.requireNonNullElse(bufferFrames, 600), 1, 10_000_000);
    bufferSize =
        Checks.positive("buffer_size", Objects.requireNonNullElse(bufferSize, ByteSize.ofMiB(32)));
    backoffInitial =
        Checks.positive(
            "backoff_initial", Objects.requireNonNullElse(backoffInitial, Duration.ofMillis(500)));
    backoffMax =
        Checks.positive(
            "backoff_max", Objects.requireNonNullElse(backoffMax, Duration.ofSeconds(30)));
    connectTimeout =
        Checks.positive(
            "connect_timeout", Objects.requireNonNullElse(connectTimeout, Duration.ofSeconds(5)));
    if (backoffMax.compareTo(backoffInitial) < 0) {
      throw new ConfigException("backoff_max", "must not be shorter than backoff_initial");
    }
    tokenFile = Objects.requireNonNullElse(tokenFile, "");
    caFile = Objects.requireNonNullElse(caFile, "");
    certFile = Objects.requireNonNullElse(certFile, "");
    keyFile = Objects.requireNonNullElse(keyFile, "");
    if (!token.isEmpty() && !tokenFile.isEmpty()) {
      throw new ConfigException("token_file", "set token or token_file, not both");
    }
    if (certFile.isEmpty() != keyFile.isEmpty()) {
      throw new ConfigException(
          certFile.isEmpty() ? "cert_file" : "key_file",
          "a client certificate needs both cert_file and key_file");
    }
    if (!url.toLowerCase(Locale.ROOT).startsWith("wss:")
        && !(caFile.isEmpty() && certFile.isEmpty())) {
      throw new ConfigException(
          caFile.isEmpty() ? "cert_file" : "ca_file",
          "applies to a wss:// hub only, but url is '" + url + "'");
    }
  }

  /** Every default: no streaming. */
  public static HubSettings defaults() {
    return new HubSettings(null, null, null, null, null, null, null, null, null, null, null, null);
  }

  public boolean enabled() {
    return !url.isEmpty();
  }

  /** Empty (no streaming) or a ws:// or wss:// URI with a host. */
  private static String webSocketUrl(String text) {
    if (text.isEmpty()) {
      return text;
    }
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("ws") || scheme.equals("wss")) && uri.getHost() != null) {
        return text;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw new ConfigException(
        "url", "expected a WebSocket URL like ws://hub:8080/ingest, got '" + text + "'");
  }
}
