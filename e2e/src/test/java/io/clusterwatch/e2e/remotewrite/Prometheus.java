package io.clusterwatch.e2e.remotewrite;

import static org.junit.jupiter.api.Assertions.fail;

import io.clusterwatch.e2e.process.ChildProcess;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Prometheus server ({@code /usr/bin/prometheus}) as a remote-write receiver ({@code
 * --web.enable-remote-write-receiver}), started on a free port with its configuration and TSDB in a
 * test directory; it scrapes nothing, so every series it holds came by remote write.
 */
final class Prometheus implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/bin/prometheus");

  /**
   * Printed by cmd/prometheus once the TSDB is open and the web handler answers {@code /-/ready}
   * with 200.
   */
  private static final Pattern READY = Pattern.compile("Server is ready to receive web requests");

  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ChildProcess process;

  private Prometheus(int port, ChildProcess process) {
    this.port = port;
    this.process = process;
  }

  /**
   * Aborts the calling test, loudly, when Prometheus is not installed; under {@code CI=true} it
   * fails instead.
   */
  static void requireInstalled() {
    if (Files.isExecutable(BINARY)) {
      return;
    }
    String message = BINARY + " (Debian package prometheus) NOT FOUND: this test is SKIPPED";
    System.err.println("*** " + message + " ***");
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(BINARY + " not found, and CI=true requires it (./clusterwatch test installs it)");
    }
    Assumptions.abort(message);
  }

  /**
   * Starts Prometheus with {@code dir/prometheus.yml} (global settings only) and its TSDB in {@code
   * dir/data}.
   */
  static Prometheus start(Path dir) throws Exception {
    Files.createDirectories(dir);
    Path config = dir.resolve("prometheus.yml");
    // no scrape_configs: Prometheus does not even scrape itself
    Files.writeString(config, "global:\n  evaluation_interval: 15s\n");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ChildProcess process =
        ChildProcess.start(
            "prometheus",
            List.of(
                BINARY.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--web.enable-remote-write-receiver"));
    Prometheus prometheus = new Prometheus(port, process);
    try {
      process.awaitLine(READY, Duration.ofSeconds(60));
      HttpResponse<String> ready = prometheus.send("/-/ready");
      if (ready.statusCode() != 200) {
        throw new AssertionError(
            "/-/ready: HTTP "
                + ready.statusCode()
                + ": "
                + ready.body()
                + "\nPrometheus output:\n"
                + process.output());
      }
    } catch (Throwable t) {
      process.close();
      throw t;
    }
    return prometheus;
  }

  String writeUrl() {
    return "http://127.0.0.1:" + port + "/api/v1/write";
  }

  /** What Prometheus has logged so far: the reasons it refused samples, if it did. */
  String output() {
    return process.output();
  }

  /**
   * The result of an instant query at {@code timeMs}, {@code data.result}; a range selector yields
   * raw samples.
   */
  JsonArray query(String promql, long timeMs) throws IOException, InterruptedException {
    HttpResponse<String> r =
        send(
            "/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8)
                + "&time="
                + Math.floorDiv(timeMs, 1000)
                + "."
                + String.format("%03d", Math.floorMod(timeMs, 1000)));
    if (r.statusCode() != 200) {
      throw new IllegalStateException(
          "query " + promql + ": HTTP " + r.statusCode() + ": " + r.body());
    }
    return new JsonObject(r.body()).getJsonObject("data").getJsonArray("result");
  }

  private HttpResponse<String> send(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() throws InterruptedException {
    process.close();
  }
}
