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
 * Debian's single-node VictoriaMetrics ({@code /usr/bin/victoria-metrics}), started on a free port
 * with its data in a test directory; {@link #stop()} and {@link #startAgain()} keep port and data,
 * as a database restart would.
 */
final class VictoriaMetrics implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/bin/victoria-metrics");

  private final Path data;
  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();
  private ChildProcess process;

  private VictoriaMetrics(Path data, int port) {
    this.data = data;
    this.port = port;
  }

  /** Skips the test loudly when the binary is missing, except under CI=true, where it fails. */
  static void requireInstalled() {
    if (Files.isExecutable(BINARY)) {
      return;
    }
    String message = BINARY + " (Debian package victoria-metrics) NOT FOUND: this test is SKIPPED";
    System.err.println("*** " + message + " ***");
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(BINARY + " not found, and CI=true requires it (./clusterwatch test installs it)");
    }
    Assumptions.abort(message);
  }

  static VictoriaMetrics start(Path data) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    VictoriaMetrics vm = new VictoriaMetrics(data, port);
    vm.startAgain();
    return vm;
  }

  void startAgain() throws Exception {
    process =
        ChildProcess.start(
            "victoria-metrics",
            List.of(
                BINARY.toString(),
                "-storageDataPath",
                data.toString(),
                "-httpListenAddr",
                "127.0.0.1:" + port,
                // samples are searchable at once rather than after the default 30 s
                "-search.latencyOffset",
                "0s",
                "-loggerLevel",
                "INFO"));
    process.awaitLine(Pattern.compile("started VictoriaMetrics in"), Duration.ofSeconds(60));
  }

  void stop() throws InterruptedException {
    process.close();
  }

  String writeUrl() {
    return "http://127.0.0.1:" + port + "/api/v1/write";
  }

  /** The root of its Prometheus HTTP API, as hub.yaml's {@code history.promql_url} names it. */
  String promqlUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** The result of a PromQL range query, {@code data.result}. */
  JsonArray queryRange(String promql, long startS, long endS, int stepS)
      throws IOException, InterruptedException {
    return get("/api/v1/query_range?query="
            + URLEncoder.encode(promql, StandardCharsets.UTF_8)
            + "&start="
            + startS
            + "&end="
            + endS
            + "&step="
            + stepS
            + "s")
        .getJsonObject("data")
        .getJsonArray("result");
  }

  /** The result of an instant query, {@code data.result}. */
  JsonArray query(String promql, long timeS) throws IOException, InterruptedException {
    return get("/api/v1/query?query="
            + URLEncoder.encode(promql, StandardCharsets.UTF_8)
            + "&time="
            + timeS)
        .getJsonObject("data")
        .getJsonArray("result");
  }

  /**
   * Raw samples of the series matching {@code selector}, one JSON object per series ({@code
   * /api/v1/export}).
   */
  List<JsonObject> export(String selector) throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:"
                            + port
                            + "/api/v1/export?match[]="
                            + URLEncoder.encode(selector, StandardCharsets.UTF_8)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return r.body().lines().filter(l -> !l.isBlank()).map(JsonObject::new).toList();
  }

  private JsonObject get(String path) throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("GET " + path + ": HTTP " + r.statusCode() + ": " + r.body());
    }
    return new JsonObject(r.body());
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null) {
      process.close();
    }
  }
}
