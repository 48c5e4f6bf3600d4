package io.clusterwatch.agent.ship;

import io.clusterwatch.common.config.ConfigException;
import io.clusterwatch.common.config.SecretFile;
import io.clusterwatch.common.tls.CertifiedKey;
import io.clusterwatch.common.tls.PemFiles;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The agent's credentials towards the hub, read once at start from the files {@link HubSettings}
 * names: the TLS trust and client certificate, and the token. A file that cannot be used is a
 * {@link ConfigException} naming its key.
 */
public final class HubTls {
  private HubTls() {}

  /**
   * The socket factory for {@code wss://}: trusting {@code hub.ca_file} (else the system trust
   * store) and presenting {@code hub.cert_file} when set; null when neither is set, for the JDK's
   * default.
   */
  public static SSLSocketFactory socketFactory(HubSettings hub) {
    if (hub.caFile().isEmpty() && hub.certFile().isEmpty()) {
      return null;
    }
    TrustManager[] trust =
        hub.caFile().isEmpty()
            ? null
            : PemFiles.trust(Path.of(hub.caFile()), "hub.ca_file").getTrustManagers();
    KeyManager[] keys = null;
    if (!hub.certFile().isEmpty()) {
      CertifiedKey own =
          CertifiedKey.read(
              Path.of(hub.certFile()), "hub.cert_file", Path.of(hub.keyFile()), "hub.key_file");
      try {
        char[] password = new char[0];
        KeyManagerFactory kmf =
            KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(own.keyStore(password), password);
        keys = kmf.getKeyManagers();
      } catch (GeneralSecurityException e) {
        throw new ConfigException("hub.cert_file", "cannot use the client certificate: " + e);
      }
    }
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys, trust, new SecureRandom());
      return context.getSocketFactory();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK offers no TLS", e);
    }
  }

  /** The token for the hello: {@code hub.token_file}'s text, else {@code hub.token}. */
  public static String token(HubSettings hub) {
    return hub.tokenFile().isEmpty()
        ? hub.token()
        : SecretFile.read(Path.of(hub.tokenFile()), "hub.token_file");
  }
}
