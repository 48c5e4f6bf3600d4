package io.clusterwatch.agent;

import java.net.URI;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.time.Duration;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/** The HTTP client the shipper opens its WebSocket with. */
final class HubClients {
  private HubClients() {}

  /**
   * For {@code wss://}, the JDK's default TLS setup. For plain {@code ws://}, a client whose TLS
   * context holds no trust material: the JDK's HttpClient builds the default context (and loads
   * the CA store, about 3.5 MB of resident memory) even when no connection ever uses TLS.
   */
  static HttpClient forHub(URI hub, Duration connectTimeout) {
    HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(connectTimeout);
    if ("ws".equalsIgnoreCase(hub.getScheme())) {
      try {
        SSLContext unused = SSLContext.getInstance("TLS");
        unused.init(new KeyManager[0], new TrustManager[0], null);
        b.sslContext(unused);
      } catch (GeneralSecurityException e) {
        // Keep the default context; it only costs memory.
      }
    }
    return b.build();
  }
}
