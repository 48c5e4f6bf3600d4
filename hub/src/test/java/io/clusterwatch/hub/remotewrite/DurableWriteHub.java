package io.clusterwatch.hub.remotewrite;

import io.clusterwatch.hub.DurableStore;
import io.clusterwatch.hub.Hub;
import io.clusterwatch.hub.HubMain;
import io.clusterwatch.hub.HubServices;
import io.clusterwatch.hub.config.HubConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * A hub on port 0 with a data directory, started as {@code clusterwatch-hub --data} starts it (open
 * the directory, replay the log, deploy), remote-writing to one endpoint.
 */
final class DurableWriteHub implements AutoCloseable {
  final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  final DurableStore durable;
  final HubServices services;
  final Hub hub;

  DurableWriteHub(Vertx vertx, Path data, RemoteWriteSettings endpoint) {
    HubConfig config =
        HubConfig.defaults()
            .withPort(0)
            .withDataPath(data.toString())
            .withRemoteWrite(List.of(endpoint));
    durable = DurableStore.open(config);
    services =
        HubServices.create(
            config,
            Clock.systemUTC(),
            durable.openStore(HubMain.storeConfig(config)),
            registry,
            durable.log());
    durable.replay(services, registry);
    hub = Hub.start(vertx, services).await();
  }

  int port() {
    return hub.port();
  }

  double meter(String name) {
    var m = registry.find(name).meter();
    if (m == null) {
      throw new AssertionError("no meter " + name);
    }
    return m.measure().iterator().next().getValue();
  }

  /** Stops the hub (its log readers save their positions), then closes the data directory. */
  @Override
  public void close() {
    hub.stop().await();
    durable.close();
  }
}
