package io.clusterwatch.simulator.connection;

import io.clusterwatch.common.tls.CertifiedKey;
import io.clusterwatch.common.tls.PemFiles;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.nio.file.Path;

/**
 * The simulator's TLS towards a {@code wss://} hub, as the agent's: the CA the hub's certificate
 * must be signed by (null: the system trust store) and a client certificate for mutual TLS (null:
 * none). The hub's certificate must name the hub's host.
 *
 * @param caFile {@code --hub-ca}
 * @param certFile {@code --hub-cert}
 * @param keyFile {@code --hub-key}
 */
public record TlsFiles(Path caFile, Path certFile, Path keyFile) {
  /** The system trust store, no client certificate. */
  public static final TlsFiles NONE = new TlsFiles(null, null, null);

  /**
   * Checks that the files can be used, so that a bad one stops the simulator at once.
   *
   * @throws io.clusterwatch.common.config.ConfigException naming the flag of the file at fault
   */
  public TlsFiles {
    if ((certFile == null) != (keyFile == null)) {
      throw new IllegalArgumentException("--hub-cert and --hub-key go together");
    }
    if (caFile != null) {
      PemFiles.certificates(caFile, "--hub-ca", PemFiles.bytes(caFile, "--hub-ca"));
    }
    if (certFile != null) {
      CertifiedKey.read(certFile, "--hub-cert", keyFile, "--hub-key");
    }
  }

  /** Sets trust, host name verification and the client certificate on {@code options}. */
  public WebSocketClientOptions applyTo(WebSocketClientOptions options) {
    options.setVerifyHost(true);
    if (caFile != null) {
      options.setTrustOptions(new PemTrustOptions().addCertPath(caFile.toString()));
    }
    if (certFile != null) {
      options.setKeyCertOptions(
          new PemKeyCertOptions().setCertPath(certFile.toString()).setKeyPath(keyFile.toString()));
    }
    return options;
  }
}
