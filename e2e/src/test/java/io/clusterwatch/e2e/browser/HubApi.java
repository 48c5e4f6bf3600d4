package io.clusterwatch.e2e.browser;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The hub's HTTP API as the browser tests read it, to compare what the page shows with it. */
final class HubApi {
  private final HttpClient http = HttpClient.newHttpClient();
  private final String baseUrl;

  HubApi(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  JsonObject get(String path) {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(baseUrl + path)).build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException(
            "GET " + path + " answered " + r.statusCode() + ": " + r.body());
      }
      return new JsonObject(r.body());
    } catch (IOException e) {
      throw new IllegalStateException("GET " + path + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Every GPU of /api/v1/cluster with its node's host added as "host". */
  List<JsonObject> gpus() {
    List<JsonObject> out = new ArrayList<>();
    for (Object n : get("/api/v1/cluster").getJsonArray("nodes", new JsonArray())) {
      JsonObject node = (JsonObject) n;
      for (Object g : node.getJsonArray("gpus", new JsonArray())) {
        out.add(((JsonObject) g).copy().put("host", node.getString("host")));
      }
    }
    return out;
  }

  JsonObject job(String id) {
    return get("/api/v1/jobs/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20"));
  }
}
