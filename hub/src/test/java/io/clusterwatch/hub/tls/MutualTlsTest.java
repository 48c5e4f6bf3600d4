package io.clusterwatch.hub.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.common.tls.TestCertificates;
import io.clusterwatch.hub.config.HubConfigReader;
import io.clusterwatch.hub.support.TestAgent;
import io.clusterwatch.hub.support.TestHub;
import io.clusterwatch.hub.support.TestTables;
import io.clusterwatch.hub.support.TlsClients;
import io.clusterwatch.protocol.message.ErrorMessage;
import io.clusterwatch.protocol.message.Welcome;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code server.tls.client_ca_file}: an agent needs a certificate of the agents' CA naming the host
 * it claims (common name or DNS name), while browsers still reach the dashboard without one.
 */
@ExtendWith(VertxExtension.class)
class MutualTlsTest {
  @TempDir Path dir;
  private TestCertificates certs;
  private TestCertificates.Authority hubCa;
  private TestCertificates.Authority agentCa;
  private TestHub hub;

  @BeforeEach
  void start(Vertx vertx) {
    certs = new TestCertificates(dir);
    hubCa = certs.authority("site");
    agentCa = certs.authority("agents");
    TestCertificates.Issued server = certs.localhost(hubCa);
    hub =
        new TestHub(
            vertx,
            new HubConfigReader()
                .read(
                    String.join(
                        "\n",
                        "server:",
                        "  tls:",
                        "    cert_file: " + server.cert(),
                        "    key_file: " + server.key(),
                        "    client_ca_file: " + agentCa.cert()),
                    "test.yaml"),
            Clock.systemUTC(),
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
            TlsClients.browser(hubCa.cert()));
  }

  @AfterEach
  void stop() {
    hub.stop();
  }

  private TestAgent agent(Vertx vertx, TestCertificates.Issued cert) {
    return TestAgent.connect(vertx, hub.port(), TlsClients.agent(hubCa.cert(), cert));
  }

  private static void welcomed(TestAgent a, String host) {
    a.send(TestAgent.hello(host, "agent-" + host, TestTables.node(1), 0));
    a.next(Welcome.class);
  }

  private static void refused(TestAgent a, String host) {
    a.send(TestAgent.hello(host, "agent-" + host, TestTables.node(1), 0));
    ErrorMessage e = a.next(ErrorMessage.class);
    assertEquals("unauthorized", e.code());
    assertEquals("the hub does not accept this agent's credentials", e.message());
    a.awaitClose();
  }

  @Test
  void aCertificateNamingTheHostByCommonNameOrDnsNameIsAccepted(Vertx vertx) {
    try (TestAgent a =
        agent(vertx, certs.issue(agentCa, "gpu-node-01", List.of(), TestCertificates.KeyType.EC))) {
      welcomed(a, "gpu-node-01");
    }
    try (TestAgent a =
        agent(
            vertx,
            certs.issue(
                agentCa, null, List.of("gpu-node-02.cluster"), TestCertificates.KeyType.RSA))) {
      welcomed(a, "GPU-NODE-02.cluster");
    }
  }

  @Test
  void aCertificateOfAnotherHostIsRefusedAndCounted(Vertx vertx) {
    try (TestAgent a =
        agent(
            vertx,
            certs.issue(
                agentCa, "gpu-node-01", List.of("gpu-node-01"), TestCertificates.KeyType.EC))) {
      refused(a, "gpu-node-02");
    }
    assertTrue(hub.services.agents().get("gpu-node-02").isEmpty());
    assertTrue(
        hub.get("/metrics")
            .body()
            .contains("clusterwatch_hub_ingest_refused_total{reason=\"certificate\"} 1.0"));
  }

  @Test
  void anAgentWithoutACertificateCannotOpenIngest(Vertx vertx) {
    UpgradeRejectedException e =
        assertThrows(UpgradeRejectedException.class, () -> agent(vertx, null));
    assertEquals(403, e.getStatus());
  }

  @Test
  void aCertificateOfAnotherCaFailsTheHandshake(Vertx vertx) {
    TestCertificates.Authority stranger = certs.authority("stranger");
    TestCertificates.Issued forged =
        certs.issue(stranger, "gpu-node-01", List.of("gpu-node-01"), TestCertificates.KeyType.EC);
    assertThrows(Exception.class, () -> agent(vertx, forged));
    assertTrue(hub.services.agents().get("gpu-node-01").isEmpty());
  }

  @Test
  void browsersReachTheDashboardWithoutACertificate() {
    assertEquals(200, hub.get("/healthz").status());
    assertEquals(200, hub.get("/").status());
  }
}
