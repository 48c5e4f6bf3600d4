package io.clusterwatch.agent.config;

import java.time.Duration;

/**
 * {@code hub}: streaming to the hub with wire protocol v1.
 *
 * @param url the hub's ingest WebSocket, e.g. {@code ws://hub:8080/ingest}; empty disables streaming
 * @param token shared ingest token, empty when the hub requires none
 * @param agentId stable agent id; empty means one derived from host name and boot id
 * @param bufferFrames most unacknowledged frames kept for resend
 * @param bufferBytes most bytes of unacknowledged frames kept for resend
 * @param backoffInitial first reconnect delay
 * @param backoffMax longest reconnect delay
 * @param connectTimeout WebSocket connect timeout
 */
public record HubSettings(
    String url,
    String token,
    String agentId,
    int bufferFrames,
    long bufferBytes,
    Duration backoffInitial,
    Duration backoffMax,
    Duration connectTimeout) {

  public static HubSettings defaults() {
    return new HubSettings(
        "",
        "",
        "",
        600,
        32L * 1024 * 1024,
        Duration.ofMillis(500),
        Duration.ofSeconds(30),
        Duration.ofSeconds(5));
  }

  public boolean enabled() {
    return url != null && !url.isEmpty();
  }
}
