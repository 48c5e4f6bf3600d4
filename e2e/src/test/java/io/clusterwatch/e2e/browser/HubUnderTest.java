package io.clusterwatch.e2e.browser;

import io.clusterwatch.hub.Hub;
import io.clusterwatch.hub.HubMain;
import io.clusterwatch.hub.HubServices;
import io.clusterwatch.hub.config.HubConfig;
import io.clusterwatch.hub.metrics.HubVertx;
import io.clusterwatch.hub.store.ColumnarSampleStore;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;

/**
 * A real hub in this JVM, wired as {@code HubMain} wires it (its own Vert.x, store, registries and
 * meters), listening on a real port. {@link #stop()} and {@link #startAgain()} restart it on the
 * same port, as an operator restarting the hub process would: the new hub starts empty.
 */
final class HubUnderTest implements AutoCloseable {
  private final HubConfig config;
  private Vertx vertx;
  private HubServices services;
  private Hub hub;
  private int port;

  private HubUnderTest(HubConfig config) {
    this.config = config;
  }

  /** Starts a hub on a free port. */
  static HubUnderTest start(HubConfig config) {
    HubUnderTest h = new HubUnderTest(config.withPort(0));
    h.boot(0);
    return h;
  }

  private void boot(int wantedPort) {
    HubConfig c = config.withPort(wantedPort);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    vertx = HubVertx.create(registry);
    services =
        HubServices.create(
            c, Clock.systemUTC(), new ColumnarSampleStore(HubMain.storeConfig(c)), registry);
    hub = Hub.start(vertx, services).await();
    port = hub.port();
  }

  /** Stops the hub: every connection drops and the port is closed until {@link #startAgain()}. */
  void stop() {
    if (vertx != null) {
      vertx.close().await();
      vertx = null;
      services.archive().close();
    }
  }

  /** Starts a new, empty hub on the port the stopped one used. */
  void startAgain() {
    if (vertx != null) {
      throw new IllegalStateException("the hub is still running");
    }
    boot(port);
  }

  HubServices services() {
    return services;
  }

  int port() {
    return port;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  String ingestUrl() {
    return "ws://127.0.0.1:" + port + "/ingest";
  }

  @Override
  public void close() {
    stop();
  }
}
