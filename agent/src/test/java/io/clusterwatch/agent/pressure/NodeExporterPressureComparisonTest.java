package io.clusterwatch.agent.pressure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.clusterwatch.agent.collect.Tick;
import io.clusterwatch.agent.expose.TickTextWriter;
import io.clusterwatch.agent.testing.Fixtures;
import io.clusterwatch.agent.testing.NodeExporterExpected;
import io.clusterwatch.protocol.SeriesKey;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Runs the installed node_exporter (Debian's {@code prometheus-node-exporter}, 1.5) with only its
 * pressure collector on the cgroups-v2 fixture tree and compares its {@code node_pressure_*}
 * families with the agent's own exposition of the same tree. Skipped loudly where the binary is
 * missing, except under {@code CI=true}, where its absence fails.
 */
class NodeExporterPressureComparisonTest {
  static final Path BINARY = Path.of("/usr/bin/prometheus-node-exporter");

  @Test
  void agentExpositionEqualsNodeExporter() throws Exception {
    if (!Files.isExecutable(BINARY)) {
      String message = BINARY + " NOT FOUND: the node_exporter comparison is SKIPPED";
      System.err.println("*** " + message + " ***");
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(BINARY + " not found, and CI=true requires it");
      }
      Assumptions.abort(message);
    }
    Path tree = Fixtures.dir("cgroups-v2");
    SortedMap<SeriesKey, Double> theirs =
        NodeExporterExpected.parse(scrapeNodeExporter(tree)).family("node_pressure_");
    byte[] text =
        new TickTextWriter("node01")
            .render(new Tick(0, PressureCollectorTest.collect(Fixtures.hostPaths("cgroups-v2"))));
    SortedMap<SeriesKey, Double> ours =
        NodeExporterExpected.parse(new String(text, StandardCharsets.UTF_8))
            .family("node_pressure_");
    assertEquals(5, theirs.size(), "node_exporter's pressure families: " + theirs);
    // node_exporter divides microseconds by 1000 twice, we by 1e6: equal to the last bit or two
    NodeExporterExpected.assertSameSeries(theirs, ours);
  }

  private static String scrapeNodeExporter(Path tree) throws IOException, InterruptedException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Process p =
        new ProcessBuilder(
                BINARY.toString(),
                "--path.procfs=" + tree.resolve("proc"),
                "--path.sysfs=" + tree.resolve("sys"),
                "--collector.disable-defaults",
                "--collector.pressure",
                "--web.listen-address=127.0.0.1:" + port)
            .redirectErrorStream(true)
            .start();
    try {
      // node_exporter logs msg="Listening on" once its socket is bound
      BufferedReader log =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      StringBuilder seen = new StringBuilder();
      String line;
      while ((line = log.readLine()) != null && !line.contains("Listening on")) {
        seen.append(line).append('\n');
      }
      if (line == null) {
        throw new IOException("node_exporter exited before listening:\n" + seen);
      }
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      HttpRequest request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
              .timeout(Duration.ofSeconds(10))
              .build();
      return client.send(request, HttpResponse.BodyHandlers.ofString()).body();
    } finally {
      p.destroy();
      p.waitFor(5, TimeUnit.SECONDS);
    }
  }
}
