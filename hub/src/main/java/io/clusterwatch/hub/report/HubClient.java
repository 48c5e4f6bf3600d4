package io.clusterwatch.hub.report;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** GETs JSON from the hub's API with the JDK client; every failure is one line for the terminal. */
final class HubClient {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  HubClient(String base) {
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  JsonObject get(String path) {
    URI uri;
    try {
      uri = URI.create(base + path);
    } catch (IllegalArgumentException e) {
      throw new ReportException("--hub " + base + " is not a URL: " + e.getMessage());
    }
    HttpResponse<String> r;
    try {
      r =
          http.send(
              HttpRequest.newBuilder(uri)
                  .timeout(TIMEOUT)
                  .header("Accept", "application/json")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new ReportException(
          "hub "
              + base
              + " is not reachable: "
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ReportException("interrupted");
    } catch (IllegalArgumentException e) {
      throw new ReportException("--hub " + base + " is not an http(s) URL");
    }
    JsonObject body;
    try {
      body = new JsonObject(r.body());
    } catch (DecodeException | ClassCastException e) {
      throw new ReportException(
          "hub " + base + " answered " + r.statusCode() + " without JSON for " + path);
    }
    if (r.statusCode() != 200) {
      throw new ReportException(
          body.getString("error", "HTTP " + r.statusCode()) + " (hub " + base + ")");
    }
    return body;
  }
}
