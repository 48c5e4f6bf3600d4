package io.clusterwatch.hub;

import io.clusterwatch.common.config.ByteSize;
import io.clusterwatch.common.config.Checks;
import java.util.Objects;

/**
 * {@code server}: the one HTTP port that serves the API, the dashboard, /ingest, /live and
 * /metrics.
 *
 * @param bindHost address to bind, {@code 0.0.0.0} for all ({@code bind_host}, default 0.0.0.0)
 * @param port TCP port; 0 picks a free one ({@code port}, default 8080; {@code --port})
 * @param instances HTTP verticle instances, each on its own event loop ({@code instances}, default
 *     1)
 * @param maxBody largest HTTP request body accepted ({@code max_body}, default 64KiB)
 * @param tls certificate and key for HTTPS and WSS ({@code tls}, default absent: null, plain HTTP)
 */
public record ServerSettings(
    String bindHost, Integer port, Integer instances, ByteSize maxBody, TlsSettings tls) {
  public ServerSettings {
    bindHost = Checks.nonEmpty("bind_host", Objects.requireNonNullElse(bindHost, "0.0.0.0"));
    port = Checks.inRange("port", Objects.requireNonNullElse(port, 8080), 0, 65535);
    instances = Checks.inRange("instances", Objects.requireNonNullElse(instances, 1), 1, 256);
    maxBody =
        Checks.between(
            "max_body",
            Objects.requireNonNullElse(maxBody, ByteSize.ofKiB(64)),
            new ByteSize(1),
            ByteSize.ofGiB(1));
  }

  /** 0.0.0.0:8080, one instance, 64 KiB bodies. */
  public static ServerSettings defaults() {
    return new ServerSettings(null, null, null, null, null);
  }
}
