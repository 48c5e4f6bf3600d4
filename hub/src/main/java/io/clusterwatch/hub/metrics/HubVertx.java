package io.clusterwatch.hub.metrics;

import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;

/**
 * Creates the hub's Vert.x instance with its HTTP and event-loop meters on an explicit registry.
 */
public final class HubVertx {
  /**
   * vertx-micrometer-metrics 5.0 registers this gauge again for every accepted connection
   * (vert-x3/vertx-micrometer-metrics#259), and Micrometer 1.13+ answers the second registration
   * with a "Gauge has been already registered" warning at the first reuse. The hub counts its open
   * HTTP connections itself ({@code clusterwatch_hub_http_connections}).
   */
  static final String REREGISTERED_GAUGE = "vertx.http.server.active.connections";

  private HubVertx() {}

  public static Vertx create(PrometheusMeterRegistry registry) {
    registry.config().meterFilter(MeterFilter.deny(id -> REREGISTERED_GAUGE.equals(id.getName())));
    MicrometerMetricsOptions metrics =
        new MicrometerMetricsOptions()
            .setEnabled(true)
            .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true));
    return Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(metrics))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .build();
  }
}
