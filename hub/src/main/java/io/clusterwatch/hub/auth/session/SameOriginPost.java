package io.clusterwatch.hub.auth.session;

import io.vertx.core.http.HttpServerRequest;

/**
 * Cross-site request forgery guard for the login and logout POSTs: they must carry the header
 * {@value #HEADER}. A page on another site cannot send it: an HTML form sets no headers, and a
 * script's cross-origin request with a custom header needs a CORS preflight, which the hub never
 * approves. The Origin header is no help here: the hub's pages send {@code Referrer-Policy:
 * no-referrer}, under which browsers send {@code Origin: null} on same-origin POSTs (Fetch
 * standard, "append a request Origin header") and no Referer. The session cookie's {@code
 * SameSite=Lax} keeps it off cross-site POSTs as a second line.
 */
public final class SameOriginPost {
  /** The header the hub's own pages send with every login and logout. */
  public static final String HEADER = "X-Clusterwatch-Request";

  private SameOriginPost() {}

  /** True when the request carries {@value #HEADER}, whatever its value. */
  public static boolean fromOwnPage(HttpServerRequest request) {
    return request.getHeader(HEADER) != null;
  }
}
