package io.clusterwatch.hub.history;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Prometheus HTTP API of the history database ({@code /api/v1/query_range}, {@code
 * /api/v1/query}), through a non-blocking Vert.x WebClient. Every failure (connection, timeout,
 * non-200, {@code "status": "error"}, unreadable JSON) fails the future with a {@link
 * HistoryException} naming it.
 */
public final class PromQlClient {
  private final WebClient client;
  private final HistorySettings settings;
  private final String authorization;

  public PromQlClient(Vertx vertx, HistorySettings settings) {
    this.settings = settings;
    this.client = WebClient.create(vertx, new WebClientOptions().setUserAgent("clusterwatch-hub"));
    this.authorization =
        settings.bearerTokenFile() == null ? null : "Bearer " + token(settings.bearerTokenFile());
  }

  private static String token(String file) {
    try {
      return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new io.clusterwatch.common.config.ConfigException(
          "bearer_token_file", "cannot be read: " + e);
    }
  }

  /**
   * {@code query} evaluated every {@code stepMs} from {@code startMs} to {@code endMs} (a matrix).
   */
  public Future<List<PromResult>> queryRange(String query, long startMs, long endMs, long stepMs) {
    HttpRequest<Buffer> r =
        client
            .getAbs(settings.promqlUrl() + "/api/v1/query_range")
            .addQueryParam("query", query)
            .addQueryParam("start", seconds(startMs))
            .addQueryParam("end", seconds(endMs))
            .addQueryParam("step", seconds(stepMs));
    return send(r, query);
  }

  /** {@code query} evaluated at {@code timeMs} (a vector). */
  public Future<List<PromResult>> query(String query, long timeMs) {
    HttpRequest<Buffer> r =
        client
            .getAbs(settings.promqlUrl() + "/api/v1/query")
            .addQueryParam("query", query)
            .addQueryParam("time", seconds(timeMs));
    return send(r, query);
  }

  private Future<List<PromResult>> send(HttpRequest<Buffer> request, String query) {
    request.timeout(settings.timeout().toMillis());
    if (authorization != null) {
      request.putHeader("Authorization", authorization);
    }
    return request
        .send()
        .recover(
            e ->
                Future.failedFuture(
                    new HistoryException(
                        "history database "
                            + settings.promqlUrl()
                            + " unreachable: "
                            + e.getMessage(),
                        e)))
        .map(response -> parse(response, query));
  }

  private List<PromResult> parse(HttpResponse<Buffer> response, String query) {
    JsonObject body;
    try {
      body = response.bodyAsJsonObject();
    } catch (DecodeException e) {
      throw new HistoryException(
          "history database answered HTTP "
              + response.statusCode()
              + " with a body that is not JSON for "
              + query);
    }
    if (body == null
        || response.statusCode() != 200
        || !"success".equals(body.getString("status"))) {
      String why =
          body == null
              ? "an empty body"
              : body.getString("errorType", "?") + ": " + body.getString("error", "?");
      throw new HistoryException(
          "history database answered HTTP "
              + response.statusCode()
              + " ("
              + why
              + ") for "
              + query);
    }
    JsonObject data = body.getJsonObject("data");
    String type = data.getString("resultType");
    JsonArray result = data.getJsonArray("result");
    List<PromResult> out = new ArrayList<>(result.size());
    for (int i = 0; i < result.size(); i++) {
      JsonObject s = result.getJsonObject(i);
      Map<String, String> labels = new LinkedHashMap<>();
      s.getJsonObject("metric").forEach(e -> labels.put(e.getKey(), String.valueOf(e.getValue())));
      JsonArray points =
          "matrix".equals(type)
              ? s.getJsonArray("values")
              : new JsonArray().add(s.getJsonArray("value"));
      long[] ts = new long[points.size()];
      double[] values = new double[points.size()];
      for (int k = 0; k < points.size(); k++) {
        JsonArray p = points.getJsonArray(k);
        ts[k] = Math.round(p.getDouble(0) * 1000);
        values[k] = parseValue(p.getString(1));
      }
      out.add(new PromResult(labels, ts, values));
    }
    return out;
  }

  /** Prometheus writes sample values as strings, {@code "NaN"} and {@code "+Inf"} included. */
  private static double parseValue(String v) {
    return switch (v) {
      case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(v);
    };
  }

  /** Seconds with millisecond precision, as the API takes them. */
  static String seconds(long ms) {
    return ms % 1000 == 0
        ? Long.toString(ms / 1000)
        : String.format(java.util.Locale.ROOT, "%.3f", ms / 1000.0);
  }

  public void close() {
    client.close();
  }
}
