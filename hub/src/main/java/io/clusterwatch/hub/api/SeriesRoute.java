package io.clusterwatch.hub.api;

import io.clusterwatch.hub.HubServices;
import io.clusterwatch.hub.auth.Viewer;
import io.clusterwatch.hub.history.History;
import io.clusterwatch.hub.history.RemoteJob;
import io.clusterwatch.hub.history.SeriesMerge;
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
    answer(ApiAccess.viewer(ctx), p)
        .onComplete(
            r -> {
              if (r.failed()) {
                ctx.fail(r.cause());
              } else {
                ApiRouter.json(ctx, r.result());
              }
            });
  }

  /**
   * The body of one series request for {@code viewer}, or a failed future with the {@link
   * ApiException} to answer (a hidden or unknown job is a 404, node series outside the operator
   * role a 403).
   */
  Future<Object> answer(Viewer viewer, SeriesParams p) {
    try {
      return access(viewer, p);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private Future<Object> access(Viewer viewer, SeriesParams p) {
    if (p.job() == null && !viewer.seesAll()) {
      throw new ApiException(403, "node series needs the operator role");
    }
    Job known = p.job() == null ? null : hub.jobs().get(p.job()).orElse(null);
    if (known != null && !viewer.maySee(known)) {
      throw ApiAccess.unknownJob(p.job());
    }
    if (p.job() == null || known != null) {
      return series(p, known);
    }
    // A job the registry no longer knows may be in the archive (after a restart), or, with a
    // history database, be another cluster's.
    return vertx
        .executeBlocking(() -> hub.jobPages().find(p.job()), false)
        .compose(
            found -> {
              if (found.isPresent() && viewer.maySee(found.get().job())) {
                return series(p, found.get().job());
              } else if (found.isPresent() || history == null) {
                return Future.failedFuture(ApiAccess.unknownJob(p.job()));
              }
              return history
                  .findJob(p.job())
                  .recover(e -> Future.failedFuture(ApiRouter.historyFailed(e)))
                  .compose(
                      f ->
                          f.isEmpty() || !viewer.maySee(f.get().job())
                              ? Future.failedFuture(ApiAccess.unknownJob(p.job()))
                              : remoteJobSeries(p, f.get()));
            });
  }

  private Future<Object> series(SeriesParams p, Job job) {
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
      return Future.succeededFuture(SeriesBody.of(p, SeriesMerge.hubOnly(data), null));
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
    return older.transform(
        r ->
            Future.succeededFuture(
                SeriesBody.of(
                    p,
                    r.succeeded() ? SeriesMerge.merge(data, r.result()) : SeriesMerge.hubOnly(data),
                    r.succeeded() ? null : r.cause().getMessage())));
  }

  /** A job only the database knows: every point is the database's, and its failure is a 502. */
  private Future<Object> remoteJobSeries(SeriesParams p, RemoteJob remote) {
    return history
        .jobSeries(
            remote.job(),
            remote.clusterLabels(),
            p.metric(),
            p.labels(),
            p.fromMs(),
            p.toMs(),
            p.maxPoints())
        .transform(
            r ->
                r.failed()
                    ? Future.failedFuture(ApiRouter.historyFailed(r.cause()))
                    : Future.succeededFuture(
                        SeriesBody.of(p, SeriesMerge.merge(List.of(), r.result()), null)));
  }
}
