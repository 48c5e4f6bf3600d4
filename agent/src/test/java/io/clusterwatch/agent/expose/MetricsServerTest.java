package io.clusterwatch.agent.expose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** /metrics over a real socket on a free port. */
class MetricsServerTest {
  private static final String PROMETHEUS_ACCEPT =
      "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
          + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

  @Test
  void servesTheLatestTickAsTheClientLibraryWritesIt() throws Exception {
    LatestTickExposition exposition = new LatestTickExposition(new TickTextWriter("gpu-node-07"));
    try (MetricsServer server = MetricsServer.start("127.0.0.1", 0, exposition)) {
      assertTrue(server.port() > 0);
      HttpClient http = HttpClient.newHttpClient();
      URI uri = URI.create("http://127.0.0.1:" + server.port() + "/metrics");
      HttpRequest request = HttpRequest.newBuilder(uri).build();

      HttpResponse<String> before = http.send(request, HttpResponse.BodyHandlers.ofString());
      assertEquals(200, before.statusCode());
      assertFalse(before.body().contains("node_"), "nothing before the first tick");

      exposition.onTick(ExpositionFixtures.tick());
      HttpResponse<String> after = http.send(request, HttpResponse.BodyHandlers.ofString());
      assertEquals(200, after.statusCode());
      assertEquals(
          "text/plain; version=0.0.4; charset=utf-8",
          after.headers().firstValue("Content-Type").orElse(""));
      String once = onceText(ExpositionFixtures.tick());
      assertEquals(once, after.body());
      assertTrue(
          after.body().contains("node_disk_read_bytes_total{device=\"sda\"} 1.2345678901E10\n"));

      // Prometheus's own request: OpenMetrics preferred, gzip accepted. The answer is the same
      // text (node_exporter's default), gzipped.
      HttpResponse<byte[]> scraped =
          http.send(
              HttpRequest.newBuilder(uri)
                  .header("Accept", PROMETHEUS_ACCEPT)
                  .header("Accept-Encoding", "gzip")
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertEquals(200, scraped.statusCode());
      assertEquals("gzip", scraped.headers().firstValue("Content-Encoding").orElse(""));
      assertEquals(once, gunzip(scraped.body()));

      HttpResponse<String> post =
          http.send(
              HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString("x")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(405, post.statusCode());
    }
  }

  @Test
  void rendersOncePerTickHoweverManyScrape() {
    LatestTickExposition exposition = new LatestTickExposition(new TickTextWriter("n"));
    exposition.onTick(ExpositionFixtures.tick());
    LatestTickExposition.Body first = exposition.current();
    assertSame(first, exposition.current(), "a second scrape of one tick gets the same bytes");
    assertSame(first.gzip(), first.gzip(), "gzipped once");
    exposition.onTick(ExpositionFixtures.tick());
    assertFalse(first == exposition.current(), "a new tick is rendered anew");
    assertArrayEquals(first.text(), exposition.current().text());
  }

  @Test
  void gzipOnlyWhenAccepted() {
    assertTrue(MetricsServer.acceptsGzip(List.of("gzip")));
    assertTrue(MetricsServer.acceptsGzip(List.of("deflate, GZIP;q=0.5")));
    assertFalse(MetricsServer.acceptsGzip(null));
    assertFalse(MetricsServer.acceptsGzip(List.of("identity")));
    assertFalse(MetricsServer.acceptsGzip(List.of("gzip;q=0")));
    assertFalse(MetricsServer.acceptsGzip(List.of("gzip; q=0.000")));
  }

  /** The Prometheus Java client's text of the tick. */
  private static String onceText(io.clusterwatch.agent.collect.Tick tick) throws Exception {
    ByteArrayOutputStream once = new ByteArrayOutputStream();
    new PrometheusText().write(once, new SnapshotMapper("gpu-node-07").map(tick));
    return once.toString(StandardCharsets.UTF_8);
  }

  private static String gunzip(byte[] bytes) throws Exception {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
