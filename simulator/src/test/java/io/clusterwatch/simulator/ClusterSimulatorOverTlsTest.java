package io.clusterwatch.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clusterwatch.common.cli.Commands;
import io.clusterwatch.common.config.ConfigException;
import io.clusterwatch.common.tls.TestCertificates;
import io.clusterwatch.hub.Hub;
import io.clusterwatch.hub.HubMain;
import io.clusterwatch.hub.HubServices;
import io.clusterwatch.hub.config.HubConfig;
import io.clusterwatch.hub.config.HubConfigReader;
import io.clusterwatch.hub.store.ColumnarSampleStore;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code simulate N --hub wss://... --hub-ca FILE --hub-token-file FILE}: the simulated nodes
 * verify a TLS hub and carry a node token whose glob covers them.
 */
class ClusterSimulatorOverTlsTest {
  private static final int NODES = 3;
  private static final String TOKEN = "9f2c4e1a7b3d5f60a1b2c3d4e5f60718";

  @TempDir Path dir;
  private final Vertx hubVertx = Vertx.vertx();
  private Vertx simulatorVertx;

  @AfterEach
  void stop() {
    if (simulatorVertx != null) {
      simulatorVertx.close().await();
    }
    hubVertx.close().await();
  }

  private SimulatorOptions parse(String... args) {
    SimulatorCommand command = new SimulatorCommand();
    Commands.commandLine(command).parseArgs(args);
    return command.options();
  }

  @Test
  void nodesStreamToATlsHubWithTheTokenOfTheirFile() throws Exception {
    TestCertificates certs = new TestCertificates(dir);
    TestCertificates.Authority ca = certs.authority("site");
    TestCertificates.Issued server = certs.localhost(ca);
    Path tokens = dir.resolve("agent-tokens");
    Files.writeString(tokens, TOKEN + " gpu-node-*\n");
    Path token = dir.resolve("token");
    Files.writeString(token, TOKEN + "\n");
    HubConfig config =
        new HubConfigReader()
            .read(
                String.join(
                    "\n",
                    "server:",
                    "  port: 0",
                    "  tls: {cert_file: " + server.cert() + ", key_file: " + server.key() + "}",
                    "ingest: {tokens_file: " + tokens + "}"),
                "test.yaml");
    HubServices services =
        HubServices.create(
            config,
            Clock.systemUTC(),
            new ColumnarSampleStore(HubMain.storeConfig(config)),
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    int port = Hub.start(hubVertx, services).await().port();

    SimulatorOptions options =
        parse(
            String.valueOf(NODES),
            "--hub",
            "wss://localhost:" + port + "/ingest",
            "--hub-ca",
            ca.cert().toString(),
            "--hub-token-file",
            token.toString(),
            "--interval",
            "200ms");
    ClusterSimulator simulator = new ClusterSimulator(options, Clock.systemUTC());
    simulatorVertx = Vertx.vertx(ClusterSimulator.vertxOptions());
    simulatorVertx.deployVerticle(simulator).await();
    simulator
        .when(
            stats ->
                stats.size() == NODES
                    && stats.values().stream().allMatch(s -> s.lastAckedSeq() >= 2))
        .await(60, TimeUnit.SECONDS);
    assertEquals(simulator.hosts(), services.agents().hosts().stream().sorted().toList());
  }

  @Test
  void aMissingTokenFileOrCaFileIsNamedByItsFlag() {
    Path missing = dir.resolve("missing");
    assertEquals(
        "--hub-token-file: " + missing + ": no such file",
        assertThrows(
                ConfigException.class,
                () ->
                    parse("2", "--hub", "wss://h:1/ingest", "--hub-token-file", missing.toString()))
            .getMessage());
    assertEquals(
        "--hub-ca: " + missing + ": no such file",
        assertThrows(
                ConfigException.class,
                () -> parse("2", "--hub", "wss://h:1/ingest", "--hub-ca", missing.toString()))
            .getMessage());
  }
}
