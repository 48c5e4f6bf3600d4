package io.clusterwatch.agent.ship;

import java.security.cert.CertificateException;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLHandshakeException;

/** One-line descriptions of why a hub connection failed, for the log. */
final class ConnectionErrors {
  private ConnectionErrors() {}

  /**
   * The innermost useful message: wrappers without a message of their own are skipped. A hub
   * certificate that does not verify is said so in words, with the JDK's reason after.
   */
  static String describe(Throwable error) {
    for (Throwable c = error; c != null; c = c.getCause()) {
      if (c instanceof CertificateException) {
        return "the hub's TLS certificate is not trusted or does not name the hub's host"
            + " (hub.ca_file / --hub-ca, hub.url): "
            + innermost(c);
      }
    }
    for (Throwable c = error; c != null; c = c.getCause()) {
      if (c instanceof SSLHandshakeException) {
        return "TLS handshake with the hub failed: " + innermost(c);
      }
    }
    return innermost(error);
  }

  private static String innermost(Throwable error) {
    Throwable t = error;
    while (t.getCause() != null && (t.getMessage() == null || t instanceof CompletionException)) {
      t = t.getCause();
    }
    return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
  }
}
