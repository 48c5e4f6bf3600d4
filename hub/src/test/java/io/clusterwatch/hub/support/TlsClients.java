package io.clusterwatch.hub.support;

import io.clusterwatch.common.tls.TestCertificates;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.nio.file.Path;

/** Clients of a TLS hub: trusting a test CA, verifying the host name, with a certificate or not. */
public final class TlsClients {
  private TlsClients() {}

  /** An agent's WebSocket client trusting {@code ca}, presenting {@code cert} when not null. */
  public static WebSocketClientOptions agent(Path ca, TestCertificates.Issued cert) {
    WebSocketClientOptions o =
        new WebSocketClientOptions()
            .setSsl(true)
            .setVerifyHost(true)
            .setTrustOptions(new PemTrustOptions().addCertPath(ca.toString()));
    if (cert != null) {
      o.setKeyCertOptions(
          new PemKeyCertOptions()
              .setCertPath(cert.cert().toString())
              .setKeyPath(cert.key().toString()));
    }
    return o;
  }

  /** A browser's HTTP client trusting {@code ca}, without a certificate of its own. */
  public static HttpClientOptions browser(Path ca) {
    return new HttpClientOptions()
        .setSsl(true)
        .setVerifyHost(true)
        .setTrustOptions(new PemTrustOptions().addCertPath(ca.toString()));
  }
}
