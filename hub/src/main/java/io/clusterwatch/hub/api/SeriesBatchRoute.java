package io.clusterwatch.hub.api;

import io.clusterwatch.hub.auth.Viewer;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/series/batch?q=...&q=...}: several series requests in one, so a page of many
 * charts needs neither one connection per chart nor a second round for the charts that depend on
 * the first ones' answers. Each {@code q} is the query string of one {@code GET /api/v1/series}
 * (URL-encoded), answered with the same body and the same access rules; {@code when_empty} (indices
 * of earlier entries) answers an entry only when those entries matched no series.
 */
final class SeriesBatchRoute {
  /** More than a page's panels ask for (the job page: 21 queries). */
  static final int MAX_QUERIES = 64;

  private final SeriesRoute single;
  private final Clock clock;

  SeriesBatchRoute(SeriesRoute single, Clock clock) {
    this.single = single;
    this.clock = clock;
  }

  void handle(RoutingContext ctx) {
    List<Entry> entries = parse(ctx.queryParams(), clock.millis());
    Viewer viewer = ApiAccess.viewer(ctx);
    List<Future<Object>> answers = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      if (e.whenEmpty().isEmpty()) {
        answers.add(answerOf(viewer, e.params()));
        continue;
      }
      List<Future<Object>> before = new ArrayList<>();
      for (int i : e.whenEmpty()) {
        before.add(answers.get(i));
      }
      answers.add(
          Future.join(before)
              .transform(
                  r ->
                      before.stream().allMatch(SeriesBatchRoute::matchedNothing)
                          ? answerOf(viewer, e.params())
                          : Future.succeededFuture(Map.of("skipped", true))));
    }
    Future.join(answers)
        .onComplete(
            r -> {
              if (r.failed()) {
                // Not a query's own 4xx (those are answers): the hub failed, a 500.
                ctx.fail(r.cause());
                return;
              }
              List<Object> bodies = new ArrayList<>(answers.size());
              for (Future<Object> a : answers) {
                bodies.add(a.result());
              }
              ApiRouter.json(ctx, Map.of("answers", bodies));
            });
  }

  /** One entry's body, or {"error", "status"} of the request alone; never a failed future. */
  private Future<Object> answerOf(Viewer viewer, SeriesParams p) {
    return single
        .answer(viewer, p)
        .transform(
            r -> {
              if (r.succeeded()) {
                return Future.succeededFuture(r.result());
              }
              if (r.cause() instanceof ApiException e) {
                return Future.succeededFuture(
                    Map.<String, Object>of("error", e.getMessage(), "status", e.status()));
              }
              return Future.failedFuture(r.cause());
            });
  }

  /** An entry answered without error and with no series. */
  private static boolean matchedNothing(Future<Object> answer) {
    if (!answer.succeeded()) {
      return false;
    }
    Object body = answer.result();
    if (body instanceof CompactSeries.Body b) {
      return b.series().isEmpty();
    }
    return body instanceof SeriesJson.Body b && b.series().isEmpty();
  }

  /** One {@code q}: its series parameters and the earlier entries it waits for. */
  record Entry(SeriesParams params, List<Integer> whenEmpty) {}

  static List<Entry> parse(MultiMap params, long nowMs) {
    for (String name : params.names()) {
      if (!name.equals("q")) {
        throw new ApiException(400, "unknown parameter '" + name + "'; give each query as 'q'");
      }
    }
    List<String> queries = params.getAll("q");
    if (queries.isEmpty()) {
      throw new ApiException(400, "parameter 'q' is required");
    }
    if (queries.size() > MAX_QUERIES) {
      throw new ApiException(
          400, "at most " + MAX_QUERIES + " queries per batch, got " + queries.size());
    }
    List<Entry> entries = new ArrayList<>(queries.size());
    for (int i = 0; i < queries.size(); i++) {
      MultiMap one = MultiMap.caseInsensitiveMultiMap();
      for (Map.Entry<String, List<String>> p :
          new QueryStringDecoder(queries.get(i), false).parameters().entrySet()) {
        one.add(p.getKey(), p.getValue());
      }
      List<Integer> whenEmpty = whenEmpty(one, i);
      one.remove("when_empty");
      try {
        entries.add(new Entry(SeriesParams.parse(one, nowMs), whenEmpty));
      } catch (ApiException e) {
        throw new ApiException(e.status(), "query " + i + ": " + e.getMessage());
      }
    }
    return entries;
  }

  private static List<Integer> whenEmpty(MultiMap one, int index) {
    List<String> given = one.getAll("when_empty");
    if (given.isEmpty()) {
      return List.of();
    }
    if (given.size() > 1) {
      throw new ApiException(
          400, "query " + index + ": parameter 'when_empty' is given more than once");
    }
    List<Integer> out = new ArrayList<>();
    for (String part : given.get(0).split(",", -1)) {
      int before;
      try {
        before = Integer.parseInt(part);
      } catch (NumberFormatException e) {
        before = -1;
      }
      if (before < 0 || before >= index) {
        throw new ApiException(
            400,
            "query "
                + index
                + ": 'when_empty' names earlier queries by index (0 to "
                + (index - 1)
                + "), got '"
                + part
                + "'");
      }
      out.add(before);
    }
    return List.copyOf(out);
  }
}
