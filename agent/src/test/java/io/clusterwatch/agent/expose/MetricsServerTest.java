package io.clusterwatch.agent.expose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** /metrics over a real socket on a free port. */
class MetricsServerTest {
  @Test
  void servesTheLatestTickAsTheOnceOutputPrintsIt() throws Exception {
    SnapshotMapper mapper = new SnapshotMapper("gpu-node-07");
    LatestTickCollector collector = new LatestTickCollector(mapper);
    try (MetricsServer server = MetricsServer.start("127.0.0.1", 0, collector)) {
      assertTrue(server.port() > 0);
      HttpClient http = HttpClient.newHttpClient();
      HttpRequest request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics")).build();

      HttpResponse<String> before = http.send(request, HttpResponse.BodyHandlers.ofString());
      assertEquals(200, before.statusCode());
      assertFalse(before.body().contains("node_"), "nothing before the first tick");

      collector.onTick(ExpositionFixtures.tick());
      HttpResponse<String> after = http.send(request, HttpResponse.BodyHandlers.ofString());
      assertEquals(200, after.statusCode());
      assertTrue(after.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
      ByteArrayOutputStream once = new ByteArrayOutputStream();
      new PrometheusText().write(once, mapper.map(ExpositionFixtures.tick()));
      assertEquals(once.toString(StandardCharsets.UTF_8), after.body());
      assertTrue(after.body().contains("node_disk_read_bytes_total{device=\"sda\"} 1.2345678901E10\n"));
    }
  }
}
