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
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.Map;

/** A real hub on port 0 with a real store, plus an HTTP client for it. */
public final class TestHub {
  private static final int REQUEST_TIMEOUT_S = 15;
  private static final int CONNECT_TIMEOUT_MS = 3_000;
  private static final int CONNECT_ATTEMPTS = 3;
  public final Vertx vertx;
  public final HubServices services;
  public final Hub hub;
  private final HttpClientOptions clientOptions;

  /**
   * The test client's own Vert.x: its connections and timers never share an event loop with the hub
   * they test, so that a busy or stuck hub loop cannot also hold the client's timeout.
   */
  private final Vertx clientVertx = Vertx.vertx();

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
            .setConnectTimeout(CONNECT_TIMEOUT_MS)
            .setIdleTimeout(REQUEST_TIMEOUT_S)
            .setIdleTimeoutUnit(java.util.concurrent.TimeUnit.SECONDS);
  }

  public TestHub(Vertx vertx) {
    this(vertx, HubConfig.defaults(), Clock.systemUTC());
  }

  /** Stops the hub: it stops serving, then archives pending jobs and closes its job archive. */
  public void stop() {
    hub.stop().await();
    clientVertx.close().await();
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
            // A numeric address needs no name lookup; a TLS hub's certificate names "localhost".
            .setHost(clientOptions.isSsl() ? "localhost" : "127.0.0.1")
            .setURI(uri)
            .setIdleTimeout(REQUEST_TIMEOUT_S * 1000L);
    headers.forEach(options::putHeader);
    return send(options, body, CONNECT_ATTEMPTS)
        // A bound of its own: a request that neither answers nor times out fails here, naming it.
        .timeout(2L * REQUEST_TIMEOUT_S * CONNECT_ATTEMPTS, java.util.concurrent.TimeUnit.SECONDS)
        .recover(
            e ->
                io.vertx.core.Future.failedFuture(
                    new IllegalStateException(method + " " + uri + ": " + e, e)))
        .await();
  }

  /**
   * One request on a client of its own (no pooled connection state carries from one request to the
   * next). A connection that could not be made is tried again: nothing reached the hub then, so
   * trying again hides nothing the hub did (this machine's sandboxed network stack now and then
   * leaves a loopback connect unanswered).
   */
  private io.vertx.core.Future<Response> send(
      RequestOptions options, Buffer body, int attemptsLeft) {
    HttpClient http = clientVertx.createHttpClient(clientOptions);
    return http.request(options)
        .transform(
            connected -> {
              if (connected.failed()) {
                http.close();
                return attemptsLeft > 1
                    ? send(options, body, attemptsLeft - 1)
                    : io.vertx.core.Future.failedFuture(connected.cause());
              }
              HttpClientRequest req = connected.result();
              return (body == null ? req.send() : req.send(body))
                  .compose(resp -> resp.body().map(b -> toResponse(resp, b)))
                  .eventually(http::close);
            });
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
