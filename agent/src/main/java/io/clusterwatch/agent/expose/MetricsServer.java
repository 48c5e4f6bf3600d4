package io.clusterwatch.agent.expose;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code /metrics} on {@code host:port} with the JDK's HTTP server: the latest tick's text in the
 * Prometheus text format 0.0.4 (what node_exporter serves by default, whatever the scraper's Accept
 * header offers), gzipped when the scraper accepts gzip. The bytes come ready from {@link
 * LatestTickExposition}, so a scrape costs a copy. One request thread keeps the agent small.
 */
public final class MetricsServer implements AutoCloseable {
  /** The content type of the Prometheus text format 0.0.4, as the Prometheus client sends it. */
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService executor;

  private MetricsServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Binds and starts serving.
   *
   * @throws IOException naming the address when it cannot be bound
   */
  public static MetricsServer start(String host, int port, LatestTickExposition exposition)
      throws IOException {
    ExecutorService executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "metrics-http");
              t.setDaemon(true);
              return t;
            });
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 16);
      server.createContext("/metrics", exchange -> serve(exchange, exposition));
      server.setExecutor(executor);
      server.start();
      return new MetricsServer(server, executor);
    } catch (IOException | RuntimeException e) {
      // An unresolvable host surfaces as an unchecked exception from the bind.
      executor.shutdownNow();
      throw new IOException("cannot serve /metrics on " + host + ":" + port + ": " + e, e);
    }
  }

  private static void serve(HttpExchange exchange, LatestTickExposition exposition)
      throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      boolean head = method.equals("HEAD");
      if (!head && !method.equals("GET")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      LatestTickExposition.Body body = exposition.current();
      boolean gzip = acceptsGzip(exchange.getRequestHeaders().get("Accept-Encoding"));
      byte[] bytes = gzip ? body.gzip() : body.text();
      exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
      if (gzip) {
        exchange.getResponseHeaders().set("Content-Encoding", "gzip");
      }
      if (head) {
        exchange.getResponseHeaders().set("Content-Length", Integer.toString(bytes.length));
        exchange.sendResponseHeaders(200, -1);
        return;
      }
      exchange.sendResponseHeaders(200, bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    }
  }

  static boolean acceptsGzip(List<String> acceptEncoding) {
    if (acceptEncoding == null) {
      return false;
    }
    for (String header : acceptEncoding) {
      for (String coding : header.split(",")) {
        String c = coding.trim();
        int semicolon = c.indexOf(';');
        String name = semicolon < 0 ? c : c.substring(0, semicolon).trim();
        if (name.equalsIgnoreCase("gzip")) {
          return semicolon < 0
              || !c.substring(semicolon).replace(" ", "").startsWith(";q=0")
              || c.substring(semicolon).replace(" ", "").matches(";q=0\\.0*[1-9].*");
        }
      }
    }
    return false;
  }

  /** The bound port (the chosen one when started with port 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
