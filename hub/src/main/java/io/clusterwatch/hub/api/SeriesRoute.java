package io.clusterwatch.hub.api;

import io.clusterwatch.hub.HubServices;
import io.clusterwatch.hub.auth.Viewer;
import io.clusterwatch.hub.history.History;
import io.clusterwatch.hub.history.RemoteJob;
import io.clusterwatch.hub.history.SeriesMerge;
import io.clusterwatch.hub.history.SourcedSeries;
import io.clusterwatch.hub.jobs.Job;
import io.clusterwatch.hub.store.SeriesData;
import io.clusterwatch.hub.store.SeriesQuery;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * {@code GET /api/v1/series}: a host's or a job's series from the hub's tiers, with what the
 * history database holds of a range older than they reach, and the series of a job only the
 * database knows.
 */
final class SeriesRoute {
  private final HubServices hub;
  private final Vertx vertx;

  /** The history database, or null when none is configured. */
  private final History history;

  SeriesRoute(HubServices hub, Vertx vertx, History history) {
    this.hub = hub;
    this.vertx = vertx;
    this.history = history;
  }

  void handle(RoutingContext ctx) {
    SeriesParams p = SeriesParams.parse(ctx.queryParams(), hub.clock().millis());
    Viewer viewer = ApiAccess.viewer(ctx);
    if (p.job() == null) {
      ApiAccess.requireOperator(ctx, "node series");
    }
    Job known = p.job() == null ? null : hub.jobs().get(p.job()).orElse(null);
    if (known != null) {
      ApiAccess.visible(ctx, known, p.job());
    }
    if (p.job() != null && known == null) {
      // A job the registry no longer knows may be in the archive (after a restart), or, with a
      // history database, be another cluster's.
      vertx
          .executeBlocking(() -> hub.jobPages().find(p.job()), false)
          .onComplete(
              r -> {
                if (r.failed()) {
                  ctx.fail(r.cause());
                } else if (r.result().isPresent() && viewer.maySee(r.result().get().job())) {
                  series(ctx, p, r.result().get().job());
                } else if (r.result().isPresent() || history == null) {
                  ctx.fail(ApiAccess.unknownJob(p.job()));
                } else {
                  history
                      .findJob(p.job())
                      .onComplete(
                          f -> {
                            if (f.failed()) {
                              ctx.fail(ApiRouter.historyFailed(f.cause()));
                            } else if (f.result().isEmpty()
                                || !viewer.maySee(f.result().get().job())) {
                              ctx.fail(ApiAccess.unknownJob(p.job()));
                            } else {
                              remoteJobSeries(ctx, p, f.result().get());
                            }
                          });
                }
              });
      return;
    }
    series(ctx, p, known);
  }

  private void series(RoutingContext ctx, SeriesParams p, Job job) {
    List<SeriesData> data;
    if (job != null) {
      data =
          hub.jobSeries().query(job, p.metric(), p.labels(), p.fromMs(), p.toMs(), p.maxPoints());
    } else {
      if (!hub.cluster().knows(p.host())) {
        throw new ApiException(404, "unknown host: " + p.host());
      }
      data =
          hub.store()
              .query(
                  new SeriesQuery(
                      p.host(), p.metric(), p.labels(), p.fromMs(), p.toMs(), p.maxPoints()));
    }
    if (history == null || !history.reaches(p.fromMs())) {
      seriesBody(ctx, p, SeriesMerge.hubOnly(data), null);
      return;
    }
    // The range starts before the hub's tiers: the database fills what the hub no longer holds;
    // when it fails, the hub's part is answered with a warning.
    Future<List<SeriesData>> older =
        job != null
            ? history.jobSeries(
                job, null, p.metric(), p.labels(), p.fromMs(), p.toMs(), p.maxPoints())
            : history.series(
                new SeriesQuery(
                    p.host(), p.metric(), p.labels(), p.fromMs(), p.toMs(), p.maxPoints()));
    older.onComplete(
        r ->
            seriesBody(
                ctx,
                p,
                r.succeeded() ? SeriesMerge.merge(data, r.result()) : SeriesMerge.hubOnly(data),
                r.succeeded() ? null : r.cause().getMessage()));
  }

  /** A job only the database knows: every point is the database's, and its failure is a 502. */
  private void remoteJobSeries(RoutingContext ctx, SeriesParams p, RemoteJob remote) {
    history
        .jobSeries(
            remote.job(),
            remote.clusterLabels(),
            p.metric(),
            p.labels(),
            p.fromMs(),
            p.toMs(),
            p.maxPoints())
        .onComplete(
            r -> {
              if (r.failed()) {
                ctx.fail(ApiRouter.historyFailed(r.cause()));
              } else {
                seriesBody(ctx, p, SeriesMerge.merge(List.of(), r.result()), null);
              }
            });
  }

  private static void seriesBody(
      RoutingContext ctx, SeriesParams p, List<SourcedSeries> data, String warning) {
    ApiRouter.json(ctx, SeriesBody.of(p, data, warning));
  }
}
