package io.clusterwatch.simulator.connection;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How every simulated node reaches the hub; the same meaning and defaults as the agent's {@code
 * hub} section in config/agent.yaml.
 *
 * @param hubUri the hub's ingest WebSocket, e.g. {@code ws://hub:8080/ingest}
 * @param token shared ingest token sent in the hello, empty when none
 * @param bufferFrames most unacknowledged frames a node keeps for resend (at least 1)
 * @param bufferBytes most bytes of unacknowledged frames a node keeps for resend (at least 1)
 * @param backoffInitial first reconnect delay
 * @param backoffMax longest reconnect delay
 * @param connectTimeout how long a connect, and then the wait for the welcome, may take
 * @param tls trust and client certificate for a {@code wss://} hub
 */
public record ConnectionSettings(
    URI hubUri,
    String token,
    int bufferFrames,
    long bufferBytes,
    Duration backoffInitial,
    Duration backoffMax,
    Duration connectTimeout,
    TlsFiles tls) {
  public static final int DEFAULT_BUFFER_FRAMES = 600;
  public static final long DEFAULT_BUFFER_BYTES = 32L * 1024 * 1024;
  public static final Duration DEFAULT_BACKOFF_INITIAL = Duration.ofMillis(500);
  public static final Duration DEFAULT_BACKOFF_MAX = Duration.ofSeconds(30);
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  public ConnectionSettings {
    Objects.requireNonNull(hubUri, "hubUri");
    Objects.requireNonNull(backoffInitial, "backoffInitial");
    Objects.requireNonNull(backoffMax, "backoffMax");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    token = token == null ? "" : token;
    tls = tls == null ? TlsFiles.NONE : tls;
    String scheme = hubUri.getScheme();
    if (!"ws".equals(scheme) && !"wss".equals(scheme) || hubUri.getHost() == null) {
      throw new IllegalArgumentException(
          "--hub: expected a WebSocket URL like ws://hub:8080/ingest, got '" + hubUri + "'");
    }
    if (bufferFrames < 1) {
      throw new IllegalArgumentException("--buffer-frames must be at least 1, got " + bufferFrames);
    }
    if (bufferBytes < 1) {
      throw new IllegalArgumentException(
          "--buffer-bytes must be at least 1 byte, got " + bufferBytes);
    }
    if (backoffInitial.isNegative() || backoffInitial.isZero()) {
      throw new IllegalArgumentException(
          "--backoff-initial must be positive, got " + backoffInitial);
    }
    if (backoffMax.compareTo(backoffInitial) < 0) {
      throw new IllegalArgumentException(
          "--backoff-max ("
              + backoffMax
              + ") must not be shorter than --backoff-initial ("
              + backoffInitial
              + ")");
    }
    if (connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new IllegalArgumentException(
          "--connect-timeout must be positive, got " + connectTimeout);
    }
  }

  /** The agent's defaults for everything but the hub and the token. */
  public static ConnectionSettings defaults(URI hubUri, String token) {
    return new ConnectionSettings(
        hubUri,
        token,
        DEFAULT_BUFFER_FRAMES,
        DEFAULT_BUFFER_BYTES,
        DEFAULT_BACKOFF_INITIAL,
        DEFAULT_BACKOFF_MAX,
        DEFAULT_CONNECT_TIMEOUT,
        TlsFiles.NONE);
  }

  /** The same settings with other reconnect delays. */
  public ConnectionSettings withBackoff(Duration initial, Duration max) {
    return new ConnectionSettings(
        hubUri, token, bufferFrames, bufferBytes, initial, max, connectTimeout, tls);
  }
}
