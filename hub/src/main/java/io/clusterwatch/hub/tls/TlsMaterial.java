package io.clusterwatch.hub.tls;

import io.clusterwatch.common.config.ConfigException;
import io.clusterwatch.common.tls.CertifiedKey;
import io.clusterwatch.common.tls.PemFiles;
import io.clusterwatch.hub.TlsSettings;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.ServerSSLOptions;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The hub's certificate, key and (for mutual TLS) the agents' CA, read and checked together; Vert.x
 * is given the very bytes that were checked.
 *
 * @param server the hub's certificate chain and key
 * @param clientCaPem the CA file's bytes; null without mutual TLS
 */
public record TlsMaterial(CertifiedKey server, byte[] clientCaPem) {
  /**
   * Reads the files of {@code settings}.
   *
   * @throws ConfigException naming {@code server.tls.cert_file}, {@code key_file} or {@code
   *     client_ca_file} when a file is missing, unreadable, not PEM, or the key does not match
   */
  public static TlsMaterial load(TlsSettings settings) {
    CertifiedKey server =
        CertifiedKey.read(
            Path.of(settings.certFile()),
            "server.tls.cert_file",
            Path.of(settings.keyFile()),
            "server.tls.key_file");
    byte[] ca = null;
    if (settings.clientCertificates()) {
      Path file = Path.of(settings.clientCaFile());
      ca = PemFiles.bytes(file, "server.tls.client_ca_file");
      PemFiles.certificates(file, "server.tls.client_ca_file", ca);
    }
    return new TlsMaterial(server, ca);
  }

  /** The files of {@code settings}, in the order they are checked for changes. */
  public static List<Path> files(TlsSettings settings) {
    return settings.clientCertificates()
        ? List.of(
            Path.of(settings.certFile()),
            Path.of(settings.keyFile()),
            Path.of(settings.clientCaFile()))
        : List.of(Path.of(settings.certFile()), Path.of(settings.keyFile()));
  }

  /** The hub's own certificate (the leaf). */
  public X509Certificate certificate() {
    return server.chain().get(0);
  }

  /** Turns on TLS in {@code options} with this material. */
  public HttpServerOptions applyTo(HttpServerOptions options) {
    options.setSsl(true).setKeyCertOptions(keyCert());
    if (clientCaPem != null) {
      options.setTrustOptions(trust()).setClientAuth(ClientAuth.REQUEST);
    }
    return options;
  }

  /** The same as SSL options for {@code HttpServer.updateSSLOptions}. */
  public ServerSSLOptions sslOptions() {
    ServerSSLOptions options = new ServerSSLOptions().setKeyCertOptions(keyCert());
    if (clientCaPem != null) {
      // REQUEST, not REQUIRED: browsers reach the dashboard without a certificate; /ingest
      // checks that agents presented one.
      options.setTrustOptions(trust()).setClientAuth(ClientAuth.REQUEST);
    }
    return options;
  }

  private PemKeyCertOptions keyCert() {
    return new PemKeyCertOptions()
        .setCertValue(Buffer.buffer(server.certPem()))
        .setKeyValue(Buffer.buffer(server.keyPem()));
  }

  private PemTrustOptions trust() {
    return new PemTrustOptions().addCertValue(Buffer.buffer(clientCaPem));
  }
}
