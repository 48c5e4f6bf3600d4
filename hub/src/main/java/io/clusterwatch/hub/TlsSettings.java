package io.clusterwatch.hub;

import io.clusterwatch.common.config.Checks;
import java.time.Duration;
import java.util.Objects;

/**
 * {@code server.tls}: when set, the one port serves HTTPS and WSS only. The files are PEM and are
 * read again when they change.
 *
 * @param certFile the certificate, chain allowed ({@code cert_file})
 * @param keyFile its private key, RSA or EC ({@code key_file})
 * @param clientCaFile when set, agents must present a certificate signed by this CA whose common
 *     name or DNS name matches the host they claim ({@code client_ca_file})
 * @param checkInterval how often the files are checked for a change ({@code check_interval},
 *     default 10s)
 */
public record TlsSettings(
    String certFile, String keyFile, String clientCaFile, Duration checkInterval) {
  public TlsSettings {
    certFile = Checks.nonEmpty("cert_file", Objects.requireNonNullElse(certFile, ""));
    keyFile = Checks.nonEmpty("key_file", Objects.requireNonNullElse(keyFile, ""));
    clientCaFile = Objects.requireNonNullElse(clientCaFile, "");
    checkInterval =
        Checks.between(
            "check_interval",
            Objects.requireNonNullElse(checkInterval, Duration.ofSeconds(10)),
            Duration.ofMillis(10),
            Duration.ofHours(24));
  }

  /** True when agents must present a client certificate on /ingest. */
  public boolean clientCertificates() {
    return !clientCaFile.isEmpty();
  }
}
