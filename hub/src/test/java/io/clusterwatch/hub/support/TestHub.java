package io.clusterwatch.hub.support;

import io.clusterwatch.hub.Hub;
import io.clusterwatch.hub.HubMain;
import io.clusterwatch.hub.HubServices;
import io.clusterwatch.hub.config.HubConfig;
import io.clusterwatch.hub.store.ColumnarSampleStore;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.Map;

/** A real hub on port 0 with a real store, plus an HTTP client for it. */
public final class TestHub {
  private static final int REQUEST_TIMEOUT_S = 15;
  public final Vertx vertx;
  public final HubServices services;
  public final Hub hub;
  private final HttpClientOptions clientOptions;

  public TestHub(Vertx vertx, HubConfig config, Clock clock) {
    this(vertx, config, clock, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  public TestHub(Vertx vertx, HubConfig config, Clock clock, PrometheusMeterRegistry registry) {
    this(vertx, config, clock, registry, new HttpClientOptions());
  }

  /**
   * A hub whose test client uses {@code client} (TLS trust and a client certificate, for a hub with
   * {@code server.tls}).
   */
  public TestHub(
      Vertx vertx,
      HubConfig config,
      Clock clock,
      PrometheusMeterRegistry registry,
      HttpClientOptions client) {
    this.vertx = vertx;
    this.services =
        HubServices.create(
            config.withPort(0),
            clock,
            new ColumnarSampleStore(HubMain.storeConfig(config)),
            registry);
    this.hub = Hub.start(vertx, services).await();
    // A fresh connection per request and a bound on waiting: a lost response fails the test
    // instead of hanging the build.
    this.clientOptions =
        new HttpClientOptions(client)
            .setKeepAlive(false)
            .setIdleTimeout(REQUEST_TIMEOUT_S)
            .setIdleTimeoutUnit(java.util.concurrent.TimeUnit.SECONDS);
  }

  public TestHub(Vertx vertx) {
    this(vertx, HubConfig.defaults(), Clock.systemUTC());
  }

  /** Stops the hub: it stops serving, then archives pending jobs and closes its job archive. */
  public void stop() {
    hub.stop().await();
  }

  public int port() {
    return hub.port();
  }

  public TestAgent agent() {
    return TestAgent.connect(vertx, port());
  }

  /** A finished response: status, headers and body. */
  public record Response(int status, Map<String, String> headers, String body) {
    public JsonObject json() {
      return new JsonObject(body);
    }

    public String header(String name) {
      return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
  }

  public Response get(String uri) {
    return request(HttpMethod.GET, uri, null);
  }

  /** A GET with these request headers (a proxy's user header, an Authorization). */
  public Response get(String uri, Map<String, String> headers) {
    return request(HttpMethod.GET, uri, null, headers);
  }

  public Response request(HttpMethod method, String uri, Buffer body) {
    return request(method, uri, body, Map.of());
  }

  public Response request(HttpMethod method, String uri, Buffer body, Map<String, String> headers) {
    RequestOptions options =
        new RequestOptions()
            .setMethod(method)
            .setPort(port())
            .setHost("localhost")
            .setURI(uri)
            .setIdleTimeout(REQUEST_TIMEOUT_S * 1000L);
    headers.forEach(options::putHeader);
    // A client of its own per request: no pooled connection state carries from one request (a
    // refused upgrade, a closed connection) to the next.
    HttpClient http = vertx.createHttpClient(clientOptions);
    return http.request(options)
        .compose(req -> body == null ? req.send() : req.send(body))
        .compose(resp -> resp.body().map(b -> toResponse(resp, b)))
        .eventually(http::close)
        .await();
  }

  private static Response toResponse(HttpClientResponse resp, Buffer body) {
    Map<String, String> headers = new java.util.HashMap<>();
    // A header sent more than once (Set-Cookie) keeps every value, one per line.
    resp.headers()
        .forEach(
            e ->
                headers.merge(
                    e.getKey().toLowerCase(java.util.Locale.ROOT),
                    e.getValue(),
                    (a, b) -> a + "\n" + b));
    return new Response(resp.statusCode(), headers, body.toString());
  }
}
