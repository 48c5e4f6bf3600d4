package io.clusterwatch.hub.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.common.tls.TestCertificates;
import io.clusterwatch.hub.config.HubConfig;
import io.clusterwatch.hub.config.HubConfigReader;
import io.clusterwatch.hub.support.TestAgent;
import io.clusterwatch.hub.support.TestHub;
import io.clusterwatch.hub.support.TestTables;
import io.clusterwatch.hub.support.TlsClients;
import io.clusterwatch.protocol.message.Welcome;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hub with {@code server.tls} over real sockets: HTTPS and WSS on its one port, nothing in plain
 * text, and a renewed certificate served to new connections without a restart.
 */
@ExtendWith(VertxExtension.class)
class TlsHubTest {
  @TempDir Path dir;
  private TestCertificates certs;
  private TestCertificates.Authority ca;
  private TlsSite site;
  private TestHub hub;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    certs = new TestCertificates(dir);
    ca = certs.authority("site");
    site = new TlsSite(dir.resolve("tls"));
    site.install(certs.issue(ca, "localhost", List.of("localhost"), TestCertificates.KeyType.RSA));
    HubConfig config =
        new HubConfigReader()
            .read(
                String.join(
                    "\n",
                    "server:",
                    "  tls:",
                    "    cert_file: " + site.certFile(),
                    "    key_file: " + site.keyFile(),
                    "    check_interval: 20ms"),
                "test.yaml");
    hub =
        new TestHub(
            vertx,
            config,
            Clock.systemUTC(),
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
            TlsClients.browser(ca.cert()));
  }

  @AfterEach
  void stop() {
    hub.stop();
  }

  private TestAgent agent(Vertx vertx) {
    return TestAgent.connect(vertx, hub.port(), TlsClients.agent(ca.cert(), null));
  }

  private static BigInteger serial(TestAgent a) {
    return ((X509Certificate) a.serverCertificates().get(0)).getSerialNumber();
  }

  @Test
  void agentsStreamOverWssAndBrowsersReadOverHttps(Vertx vertx) {
    try (TestAgent a = agent(vertx)) {
      a.send(TestAgent.hello("gpu-node-01", "agent-1", TestTables.node(1), 0));
      a.next(Welcome.class);
      a.sendBinary(TestTables.nodeFrame(1, 1, System.currentTimeMillis(), 0.5, 1.0));
      a.awaitAck(1);
    }
    assertEquals(200, hub.get("/healthz").status());
    assertTrue(hub.get("/api/v1/nodes").body().contains("gpu-node-01"));
  }

  @Test
  void plainHttpOnTheTlsPortGetsNoHttpAnswer() throws Exception {
    try (Socket s = new Socket("localhost", hub.port())) {
      s.setSoTimeout(10_000);
      s.getOutputStream()
          .write(
              "GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.UTF_8));
      InputStream in = s.getInputStream();
      byte[] answer = in.readNBytes(5);
      assertNotEquals(
          "HTTP/",
          new String(answer, StandardCharsets.ISO_8859_1),
          "a plain-text request is not served");
    }
  }

  @Test
  void aRenewedCertificateReachesNewConnectionsAndOpenOnesKeepStreaming(Vertx vertx)
      throws Exception {
    TestAgent before = agent(vertx);
    before.send(TestAgent.hello("gpu-node-01", "agent-1", TestTables.node(1), 0));
    before.next(Welcome.class);
    BigInteger first = serial(before);

    TestCertificates.Issued renewed = certs.localhost(ca);
    CompletableFuture<Boolean> reload = hub.services.tls().reloads().nextLoad();
    site.install(renewed);
    assertTrue(reload.get(10, TimeUnit.SECONDS), "the renewed files are in force");

    BigInteger expected = TestCertificates.certificate(renewed.cert()).getSerialNumber();
    try (TestAgent after = agent(vertx)) {
      assertEquals(expected, serial(after));
      assertNotEquals(first, serial(after));
    }
    before.sendBinary(TestTables.nodeFrame(1, 1, System.currentTimeMillis(), 0.5, 1.0));
    before.awaitAck(1);
    before.close();
  }

  @Test
  void aBrokenRenewalKeepsTheCertificateInForce(Vertx vertx) throws Exception {
    BigInteger first;
    try (TestAgent a = agent(vertx)) {
      first = serial(a);
    }
    CompletableFuture<Boolean> reload = hub.services.tls().reloads().nextLoad();
    site.installBroken(certs.localhost(ca), "-----BEGIN CERTIFICATE-----\nnot base64!\n");
    assertFalse(reload.get(10, TimeUnit.SECONDS), "the broken files are refused");
    try (TestAgent a = agent(vertx)) {
      assertEquals(first, serial(a));
    }
    assertTrue(
        hub.get("/metrics")
            .body()
            .contains("clusterwatch_hub_file_reloads_total{file=\"tls\",result=\"failed\"} 1.0"));
  }

  @Test
  void anAgentThatDoesNotTrustTheHubsCaCannotConnect(Vertx vertx) {
    TestCertificates.Authority other = certs.authority("other");
    assertThrows(
        javax.net.ssl.SSLHandshakeException.class,
        () -> TestAgent.connect(vertx, hub.port(), TlsClients.agent(other.cert(), null)));
  }
}
