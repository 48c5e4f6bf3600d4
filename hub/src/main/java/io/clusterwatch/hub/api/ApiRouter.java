package io.clusterwatch.hub.api;

import io.clusterwatch.hub.HubMain;
import io.clusterwatch.hub.HubServices;
import io.clusterwatch.hub.access.AlertVisibility;
import io.clusterwatch.hub.access.ClusterRedaction;
import io.clusterwatch.hub.alerts.AlertFilter;
import io.clusterwatch.hub.alerts.AlertListJson;
import io.clusterwatch.hub.alerts.IdleBoard;
import io.clusterwatch.hub.archive.JobFilter;
import io.clusterwatch.hub.archive.JobPages;
import io.clusterwatch.hub.auth.ExternalLogin;
import io.clusterwatch.hub.auth.LoginWiring;
import io.clusterwatch.hub.auth.Viewer;
import io.clusterwatch.hub.history.History;
import io.clusterwatch.hub.history.HistoryException;
import io.clusterwatch.hub.history.HistorySettings;
import io.clusterwatch.hub.history.RemoteJob;
import io.clusterwatch.hub.jobs.Job;
import io.clusterwatch.hub.jobs.JobSummary;
import io.clusterwatch.hub.remotewrite.RemoteWriteSettings;
import io.clusterwatch.hub.rules.Alert;
import io.clusterwatch.hub.store.RollupTierConfig;
import io.clusterwatch.hub.store.StoreConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The HTTP routes of docs/API.md, one handler method each, plus /metrics, /healthz and the static
 * dashboard. Every error is JSON.
 */
public final class ApiRouter {
  private final HubServices hub;
  private final IdleBoard idleBoard;
  private final ApiAccess access;
  private final AlertVisibility alertVisibility;
  private final ClusterRedaction redaction;
  private Vertx vertx;

  /** The history database, or null when none is configured. */
  private History history;

  /** The login method with routes of its own (oidc), or null. */
  private final ExternalLogin externalLogin;

  /**
   * @param externalLogin what {@link LoginWiring#prepare} gave: the oidc login, or null
   */
  public ApiRouter(HubServices hub, ExternalLogin externalLogin) {
    this.hub = hub;
    this.externalLogin = externalLogin;
    this.idleBoard =
        new IdleBoard(
            hub.cluster(),
            hub.jobs(),
            hub.jobSummaries(),
            hub.alerts(),
            hub.clock(),
            hub.config().gpu().idleThresholdRatio());
    this.access = new ApiAccess(hub.access());
    this.alertVisibility = new AlertVisibility(hub.jobs());
    this.redaction = new ClusterRedaction(hub.jobs(), hub.alerts(), alertVisibility);
  }

  public Router create(Vertx vertx) {
    this.vertx = vertx;
    HistorySettings settings = hub.config().history();
    if (settings != null) {
      List<RemoteWriteSettings> writes = hub.config().remoteWrite();
      StoreConfig store = HubMain.storeConfig(hub.config());
      history =
          History.create(
              vertx,
              settings,
              hub.clock(),
              horizonMs(store),
              store.rawStepMs(),
              writes.isEmpty() ? Map.of() : writes.get(0).externalLabels());
    }
    Router router = Router.router(vertx);
    router.route().handler(StaticContent::securityHeaders);
    // Only the login reads a body; anything sent is bounded and never written to disk.
    router
        .route()
        .handler(BodyHandler.create(false).setBodyLimit(hub.config().server().maxBody().bytes()));
    LoginWiring.mount(router, vertx, hub.config().auth(), hub.login(), externalLogin);
    router.get("/healthz").handler(this::healthz);
    router
        .get("/metrics")
        .handler(access::requireMetricsReader)
        .handler(PrometheusScrapingHandler.create(hub.prometheus()));
    // Every API route needs a viewer; the static dashboard files stay open (they hold no data).
    router.route("/api/*").handler(access::requireViewer);
    router.get("/api/v1/whoami").handler(ctx -> json(ctx, access.whoami(ctx)));
    router.get("/api/v1/cluster").handler(this::cluster);
    router.get("/api/v1/nodes").handler(this::nodes);
    router.get("/api/v1/nodes/:host").handler(this::node);
    router.get("/api/v1/jobs").handler(this::jobs);
    router.get("/api/v1/jobs/:id").handler(this::job);
    router.get("/api/v1/jobs/:id/report").handler(this::report);
    SeriesRoute series = new SeriesRoute(hub, vertx, history);
    router.get("/api/v1/series").handler(series::handle);
    router.get("/api/v1/series/batch").handler(new SeriesBatchRoute(series, hub.clock())::handle);
    router.get("/api/v1/alerts").handler(this::alerts);
    router.get("/api/v1/idle").handler(this::idle);
    router
        .route("/api/*")
        .handler(
            ctx -> ctx.fail(new ApiException(404, "no such API route: " + ctx.request().path())));
    StaticContent.mount(router);
    router.route().failureHandler(new ErrorHandler());
    router.errorHandler(404, ErrorHandler.forStatus(404));
    router.errorHandler(405, ErrorHandler.forStatus(405));
    router.errorHandler(413, ErrorHandler.forStatus(413));
    return router;
  }

  private void healthz(RoutingContext ctx) {
    json(ctx, new Health("ok"));
  }

  private void cluster(RoutingContext ctx) {
    json(ctx, redaction.redact(hub.cluster().cluster(), ApiAccess.viewer(ctx)));
  }

  private void nodes(RoutingContext ctx) {
    json(ctx, hub.cluster().nodes());
  }

  private void node(RoutingContext ctx) {
    String host = ctx.pathParam("host");
    ApiAccess.requireOperator(ctx, "node details");
    json(
        ctx,
        hub.cluster().node(host).orElseThrow(() -> new ApiException(404, "unknown host: " + host)));
  }

  // Job routes read the archive (SQLite) and compute summaries from the store: on worker threads,
  // never on the event loop.
  private void jobs(RoutingContext ctx) {
    JobListParams p = JobListParams.parse(ctx.queryParams(), hub.clock().millis());
    JobFilter filter = p.filter().within(ApiAccess.viewer(ctx).jobScope());
    blocking(
        ctx,
        () -> {
          JobPages.Page page = hub.jobPages().page(filter, p.cursor(), p.limit());
          JsonArray list = new JsonArray();
          for (JobPages.Entry e : page.jobs()) {
            list.add(JobJson.of(e.job(), e.summary(), hub.layouts()));
          }
          return new JsonObject().put("jobs", list).put("next_cursor", page.nextCursor());
        });
  }

  private void job(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    Viewer viewer = ApiAccess.viewer(ctx);
    vertx
        .executeBlocking(
            () ->
                hub.jobPages()
                    .find(id)
                    .filter(found -> viewer.maySee(found.job()))
                    .map(
                        found -> {
                          Job job = found.job();
                          List<JobAlertsJson.Event> events =
                              found.archived() == null
                                  ? JobAlertsJson.events(job, hub.alerts().history())
                                  : JobAlertsJson.events(found.archived());
                          return JobJson.of(job, found.summaryOr(hub.jobSummaries()), hub.layouts())
                              .put(
                                  "hints",
                                  new JsonArray(
                                      found.archived() == null
                                          ? JobAlertsJson.hints(job, hub.alerts())
                                          : List.of()))
                              .put("events", new JsonArray(events));
                        }),
            false)
        .onComplete(
            r -> {
              if (r.failed()) {
                ctx.fail(r.cause());
              } else if (r.result().isPresent()) {
                json(ctx, r.result().get());
              } else if (history == null) {
                ctx.fail(ApiAccess.unknownJob(id));
              } else {
                history
                    .findJob(id)
                    .onComplete(
                        f -> {
                          if (f.failed()) {
                            ctx.fail(historyFailed(f.cause()));
                          } else if (f.result().isEmpty()
                              || !viewer.maySee(f.result().get().job())) {
                            ctx.fail(ApiAccess.unknownJob(id));
                          } else {
                            json(ctx, remoteJob(f.result().get()));
                          }
                        });
              }
            });
  }

  /** A job of the database: no summary, hints or events (those live on its own hub). */
  private JsonObject remoteJob(RemoteJob remote) {
    JobSummary none = new JobSummary(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    return JobJson.of(remote.job(), none, hub.layouts())
        .put(
            "cluster_labels",
            new JsonObject(new java.util.TreeMap<String, Object>(remote.clusterLabels())))
        .put("hints", new JsonArray())
        .put("events", new JsonArray());
  }

  private void report(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    Viewer viewer = ApiAccess.viewer(ctx);
    blocking(
        ctx,
        () -> {
          JobPages.Found found =
              hub.jobPages()
                  .report(id)
                  .filter(f -> viewer.maySee(f.job()))
                  .orElseThrow(() -> ApiAccess.unknownJob(id));
          return JobJson.of(found.job(), found.archived().summary(), hub.layouts())
              .put("report", JobReportJson.of(found.archived()));
        });
  }

  private void blocking(RoutingContext ctx, Callable<JsonObject> work) {
    vertx
        .executeBlocking(work, false)
        .onComplete(
            r -> {
              if (r.succeeded()) {
                json(ctx, r.result());
              } else {
                ctx.fail(r.cause());
              }
            });
  }

  private void alerts(RoutingContext ctx) {
    Viewer viewer = ApiAccess.viewer(ctx);
    AlertFilter filter = AlertParams.parse(ctx.queryParams(), hub.jobs());
    if (filter.job() != null) {
      ApiAccess.visible(ctx, filter.job(), filter.job().id());
    }
    List<Alert> alerts = alertVisibility.visible(hub.alerts().alerts(), viewer);
    json(ctx, AlertListJson.of(hub.clock().millis(), filter.apply(alerts)));
  }

  private void idle(RoutingContext ctx) {
    for (String name : ctx.queryParams().names()) {
      if (!name.equals("group_by")) {
        throw new ApiException(400, "unknown parameter '" + name + "'");
      }
    }
    String groupBy = ctx.request().getParam("group_by", "account");
    if (!IdleBoard.GROUP_BY.contains(groupBy)) {
      throw new ApiException(
          400, "parameter 'group_by' must be account, partition, reservation, namespace or user");
    }
    json(ctx, idleBoard.board(groupBy, ApiAccess.viewer(ctx)::maySee));
  }

  /** A failure of the history database where nothing else can answer: 502 with its reason. */
  static Throwable historyFailed(Throwable cause) {
    return cause instanceof HistoryException ? new ApiException(502, cause.getMessage()) : cause;
  }

  /** Closes the history database's HTTP client, if any (the hub is stopping). */
  public void close() {
    if (history != null) {
      history.close();
    }
  }

  /** How far back the store's longest tier reaches. */
  private static long horizonMs(StoreConfig store) {
    long horizon = store.rawRetentionMs();
    for (RollupTierConfig tier : store.rollups()) {
      horizon = Math.max(horizon, tier.retentionMs());
    }
    return horizon;
  }

  /** The body of {@code GET /healthz}. */
  private record Health(String status) {}

  /** Writes a record (or a {@link JsonObject}) as the JSON response, through Jackson. */
  static void json(RoutingContext ctx, Object body) {
    ctx.response()
        .putHeader("content-type", "application/json")
        .putHeader("cache-control", "no-store")
        .end(Json.encode(body));
  }
}
