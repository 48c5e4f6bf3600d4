package io.clusterwatch.hub.api;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The dashboard from the classpath ({@code webroot/} of the web module) and the ECharts webjar,
 * with security headers on every response. Dotfiles and directory listings are never served.
 */
public final class StaticContent {
  /** No inline scripts; data only from this origin; WebSockets to it. */
  public static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          + "connect-src 'self' ws: wss:; object-src 'none'; frame-ancestors 'none'";

  private StaticContent() {}

  /** Sets the security headers, then passes the request on. */
  public static void securityHeaders(RoutingContext ctx) {
    ctx.response()
        .putHeader("content-security-policy", CONTENT_SECURITY_POLICY)
        .putHeader("x-content-type-options", "nosniff")
        .putHeader("referrer-policy", "no-referrer");
    ctx.next();
  }

  /** Mounts {@code /webjars/*} and {@code /*}; call after every API route. */
  public static void mount(Router router) {
    router
        .route("/webjars/*")
        .method(HttpMethod.GET)
        .method(HttpMethod.HEAD)
        .handler(locked(StaticHandler.create("META-INF/resources/webjars")));
    router
        .route("/*")
        .method(HttpMethod.GET)
        .method(HttpMethod.HEAD)
        .handler(locked(StaticHandler.create("webroot")));
  }

  private static StaticHandler locked(StaticHandler handler) {
    return handler.setIncludeHidden(false).setDirectoryListing(false).setIndexPage("index.html");
  }
}
