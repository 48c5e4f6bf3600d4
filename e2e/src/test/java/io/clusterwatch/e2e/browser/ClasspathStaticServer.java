package io.clusterwatch.e2e.browser;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A tiny HTTP server for the dashboard's JavaScript unit tests: serves the dashboard modules
 * ({@code webroot/} of the web module), the ECharts webjar and the test pages ({@code jstest/})
 * from the test classpath, with the hub's Content-Security-Policy so the modules run under the same
 * rules as in production. Loopback only, port 0.
 */
final class ClasspathStaticServer implements AutoCloseable {
  /** The header the hub sends with every page (docs/API.md, issue 4 "Safety"). */
  static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          + "connect-src 'self' ws: wss:; object-src 'none'; frame-ancestors 'none'";

  private static final Map<String, String> TYPES =
      Map.of(
          "js", "text/javascript; charset=utf-8",
          "html", "text/html; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "png", "image/png",
          "svg", "image/svg+xml",
          "json", "application/json");

  private final HttpServer server;
  private final Map<String, String> mounts = new LinkedHashMap<>();

  ClasspathStaticServer() throws IOException {
    mounts.put("/webjars/", "META-INF/resources/webjars/");
    mounts.put("/jstest/", "jstest/");
    mounts.put("/", "webroot/");
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::serve);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void serve(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      String resource = resolve(path);
      InputStream in =
          resource == null ? null : getClass().getClassLoader().getResourceAsStream(resource);
      if (in == null) {
        ex.sendResponseHeaders(404, -1);
        return;
      }
      try (in) {
        byte[] body = in.readAllBytes();
        String ext = path.substring(path.lastIndexOf('.') + 1);
        ex.getResponseHeaders()
            .set("Content-Type", TYPES.getOrDefault(ext, "application/octet-stream"));
        ex.getResponseHeaders().set("Content-Security-Policy", CSP);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }

  /** The classpath resource of a request path, or null for anything outside the mounts. */
  private String resolve(String path) {
    if (path.contains("..") || path.contains("//") || path.endsWith("/")) {
      return null;
    }
    for (Map.Entry<String, String> m : mounts.entrySet()) {
      if (path.startsWith(m.getKey())) {
        return m.getValue() + path.substring(m.getKey().length());
      }
    }
    return null;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
