package io.clusterwatch.agent.ship;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.common.tls.TestCertificates;
import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.Sample;
import io.clusterwatch.protocol.message.Hello;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent towards a hub with TLS, over real sockets: it trusts the CA of {@code hub.ca_file},
 * checks that the certificate names the hub's host, presents its own certificate for mutual TLS,
 * sends the token of its token file, and keeps retrying a hub it cannot verify.
 */
class HubTlsTest {
  @TempDir Path dir;
  private final Vertx vertx = Vertx.vertx();
  private final ScheduledExecutorService ship = Executors.newSingleThreadScheduledExecutor();
  private TestCertificates certs;
  private TestCertificates.Authority ca;
  private TestHub hub;
  private final TestHub.Store store = new TestHub.Store();

  @BeforeEach
  void certificates() {
    certs = new TestCertificates(dir);
    ca = certs.authority("site");
  }

  @AfterEach
  void stop() throws Exception {
    ship.shutdownNow();
    if (hub != null) {
      hub.close();
    }
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** A hub serving {@code cert}; with {@code clientCa}, asking agents for a certificate. */
  private int startHub(TestCertificates.Issued cert, TestCertificates.Authority clientCa)
      throws Exception {
    HttpServerOptions o =
        new HttpServerOptions()
            .setSsl(true)
            .setKeyCertOptions(
                new PemKeyCertOptions()
                    .setCertPath(cert.cert().toString())
                    .setKeyPath(cert.key().toString()));
    if (clientCa != null) {
      o.setTrustOptions(new PemTrustOptions().addCertPath(clientCa.cert().toString()))
          .setClientAuth(ClientAuth.REQUIRED);
    }
    hub = new TestHub(vertx, store);
    return hub.start(0, o);
  }

  private static HubSettings settings(
      String url, Path tokenFile, Path caFile, TestCertificates.Issued own) {
    return new HubSettings(
        url,
        null,
        null,
        null,
        null,
        null,
        null,
        Duration.ofSeconds(5),
        tokenFile == null ? null : tokenFile.toString(),
        caFile == null ? null : caFile.toString(),
        own == null ? null : own.cert().toString(),
        own == null ? null : own.key().toString());
  }

  private Shipper shipper(HubSettings s) {
    ShipperOptions o =
        new ShipperOptions(
            URI.create(s.url()),
            HubTls.token(s),
            "gpu-node-01",
            "agent-1",
            "boot-1",
            Duration.ofSeconds(1),
            null,
            600,
            1 << 20,
            Duration.ofMillis(20),
            Duration.ofMillis(50),
            s.connectTimeout(),
            "test",
            HubTls.socketFactory(s));
    return new Shipper(o, ship, Clock.systemUTC());
  }

  @Test
  void streamsOverWssWithTheTokenOfItsFileAndItsClientCertificate() throws Exception {
    int port = startHub(certs.localhost(ca), ca);
    Path token = dir.resolve("token");
    Files.writeString(token, "9f2c4e1a7b3d5f60a1b2c3d4e5f60718\n");
    TestCertificates.Issued own =
        certs.issue(ca, "gpu-node-01", List.of("gpu-node-01"), TestCertificates.KeyType.RSA);
    try (Shipper s =
        shipper(settings("wss://localhost:" + port + "/ingest", token, ca.cert(), own))) {
      s.start();
      s.submit(System.currentTimeMillis(), List.of(Sample.gauge("up", Labels.EMPTY, 1)));
      assertTrue(store.await(st -> st.frames().size() == 1, Duration.ofSeconds(20)));
    }
    Hello hello = (Hello) store.messages().get(0);
    assertEquals("9f2c4e1a7b3d5f60a1b2c3d4e5f60718", hello.token());
    assertEquals(List.of("CN=gpu-node-01"), store.clientCertificates());
  }

  /** The failure an agent trusting {@code caFile} meets connecting to the hub at {@code url}. */
  private String failure(String url, Path caFile) throws Exception {
    CompletableFuture<Throwable> failed = new CompletableFuture<>();
    HubWebSocket.open(
        URI.create(url),
        Duration.ofSeconds(5),
        1024,
        new HubWebSocket.Events() {
          @Override
          public void opened(HubWebSocket socket) {
            failed.completeExceptionally(new AssertionError("connected to an unverified hub"));
          }

          @Override
          public void text(String message) {}

          @Override
          public void closed(int statusCode, String reason) {}

          @Override
          public void failed(Throwable error) {
            failed.complete(error);
          }
        },
        HubTls.socketFactory(settings(url, null, caFile, null)));
    return ConnectionErrors.describe(failed.get(20, TimeUnit.SECONDS));
  }

  @Test
  void refusesAHubWhoseCertificateNamesAnotherHost() throws Exception {
    int port =
        startHub(
            certs.issue(
                ca, "hub.example.org", List.of("hub.example.org"), TestCertificates.KeyType.EC),
            null);
    String why = failure("wss://localhost:" + port + "/ingest", ca.cert());
    assertTrue(
        why.startsWith(
            "the hub's TLS certificate is not trusted or does not name the hub's host"
                + " (hub.ca_file / --hub-ca, hub.url): No subject alternative DNS name matching"
                + " localhost"),
        why);
    assertTrue(store.connectionNanos().isEmpty(), "no WebSocket was opened");
  }

  @Test
  void refusesAHubSignedByAnotherCa() throws Exception {
    TestCertificates.Authority other = certs.authority("other");
    int port = startHub(certs.localhost(other), null);
    String why = failure("wss://localhost:" + port + "/ingest", ca.cert());
    assertTrue(why.contains("not trusted") && why.contains("PKIX path building failed"), why);
  }

  @Test
  void keepsRetryingAHubItCannotVerify() throws Exception {
    TestCertificates.Authority other = certs.authority("other");
    int port = startHub(certs.localhost(other), null);
    try (Shipper s =
        shipper(settings("wss://localhost:" + port + "/ingest", null, ca.cert(), null))) {
      CompletableFuture<Void> retried = new CompletableFuture<>();
      s.onChange(
          () -> {
            if (s.stats().reconnects() >= 3) {
              retried.complete(null);
            }
          });
      s.start();
      retried.get(20, TimeUnit.SECONDS);
      assertEquals(0, s.stats().framesSent());
    }
  }
}
