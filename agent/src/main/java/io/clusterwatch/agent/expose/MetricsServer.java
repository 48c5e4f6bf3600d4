package io.clusterwatch.agent.expose;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code /metrics} on {@code host:port} through the Prometheus client's HTTP server, serving the
 * latest tick from an explicit registry (never the global default). One request thread is
 * enough for a scrape every few seconds and keeps the agent small.
 */
public final class MetricsServer implements AutoCloseable {
  private final HTTPServer server;
  private final ExecutorService executor;

  private MetricsServer(HTTPServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Binds and starts serving.
   *
   * @throws IOException naming the address when it cannot be bound
   */
  public static MetricsServer start(String host, int port, LatestTickCollector collector)
      throws IOException {
    PrometheusRegistry registry = new PrometheusRegistry();
    registry.register(collector);
    ExecutorService executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "metrics-http");
              t.setDaemon(true);
              return t;
            });
    try {
      HTTPServer server =
          HTTPServer.builder()
              .hostname(host)
              .port(port)
              .registry(registry)
              .executorService(executor)
              .buildAndStart();
      return new MetricsServer(server, executor);
    } catch (IOException | RuntimeException e) {
      // An unresolvable host surfaces as an unchecked exception from the bind.
      executor.shutdownNow();
      throw new IOException("cannot serve /metrics on " + host + ":" + port + ": " + e, e);
    }
  }

  /** The bound port (the chosen one when started with port 0). */
  public int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    server.close();
    executor.shutdownNow();
  }
}
