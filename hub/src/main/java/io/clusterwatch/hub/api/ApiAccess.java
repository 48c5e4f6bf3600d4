package io.clusterwatch.hub.api;

import io.clusterwatch.hub.auth.AccessControl;
import io.clusterwatch.hub.auth.Viewer;
import io.clusterwatch.hub.jobs.Job;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;

/**
 * The API's access decisions: who is asking (401 when nobody the login method believes), whether
 * they may see a job (a job they may not see is a 404 like an unknown one, so that its existence
 * does not leak), and the parts only operators read.
 */
final class ApiAccess {
  private static final String VIEWER = "clusterwatch.viewer";

  private final AccessControl access;

  ApiAccess(AccessControl access) {
    this.access = access;
  }

  /** Route handler: finds the viewer, or answers 401. */
  void requireViewer(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    Viewer viewer = access.viewer(request.headers(), request.remoteAddress());
    if (viewer == null) {
      unauthorized(ctx, "not logged in");
      return;
    }
    ctx.put(VIEWER, viewer);
    ctx.next();
  }

  /** Route handler for /metrics: open in mode none, else the bearer token or an operator. */
  void requireMetricsReader(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (access.mayReadMetrics(request.headers(), request.remoteAddress())) {
      ctx.next();
    } else {
      ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"clusterwatch metrics\"");
      unauthorized(
          ctx, "/metrics needs the bearer token of metrics.bearer_token_file or an operator");
    }
  }

  /**
   * 401 with {@code login}: how to log in ({@code proxy}: through the front end, there is no login
   * form; {@code ldap} or {@code oidc}: the hub's login page).
   */
  private void unauthorized(RoutingContext ctx, String message) {
    ctx.response()
        .setStatusCode(401)
        .putHeader("content-type", "application/json")
        .putHeader("cache-control", "no-store")
        .end(
            new JsonObject()
                .put("error", message)
                .put("login", access.mode().name().toLowerCase(Locale.ROOT))
                .encode());
  }

  /** The viewer {@link #requireViewer} found. */
  static Viewer viewer(RoutingContext ctx) {
    Viewer v = ctx.get(VIEWER);
    if (v == null) {
      throw new IllegalStateException("route without requireViewer: " + ctx.request().path());
    }
    return v;
  }

  /** {@code job} when the viewer may see it; else the 404 of an unknown job. */
  static Job visible(RoutingContext ctx, Job job, String id) {
    if (job == null || !viewer(ctx).maySee(job)) {
      throw unknownJob(id);
    }
    return job;
  }

  static ApiException unknownJob(String id) {
    return new ApiException(404, "unknown job: " + id);
  }

  /** Node details and node series: node health lives there. */
  static void requireOperator(RoutingContext ctx, String what) {
    if (!viewer(ctx).seesAll()) {
      throw new ApiException(403, what + " needs the operator role");
    }
  }

  /** The body of {@code GET /api/v1/whoami}. */
  JsonObject whoami(RoutingContext ctx) {
    Viewer v = viewer(ctx);
    return new JsonObject()
        .put("user", v.user())
        .put("role", v.role().label())
        .put("accounts", new io.vertx.core.json.JsonArray(v.accounts().stream().sorted().toList()))
        .put("login", access.mode().name().toLowerCase(Locale.ROOT));
  }
}
