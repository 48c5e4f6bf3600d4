package io.clusterwatch.hub.history;

import io.clusterwatch.hub.jobs.Job;
import io.clusterwatch.hub.jobs.JobSeries;
import io.clusterwatch.hub.store.SeriesData;
import io.clusterwatch.hub.store.SeriesQuery;
import io.clusterwatch.protocol.Labels;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Series read back from the history database: for the hub's own hosts and jobs when a range starts
 * before what the hub's tiers hold, and for jobs the hub does not know (another cluster's).
 * Everything is asynchronous; no call blocks the event loop.
 */
public final class History {
  private final PromQlClient client;
  private final RemoteJobs remoteJobs;
  private final Clock clock;
  private final long horizonMs;
  private final long rawStepMs;
  private final Map<String, String> ownLabels;

  /**
   * @param horizonMs how far back the hub's longest tier reaches; older ranges are asked of the
   *     database
   * @param ownLabels the labels that select this hub's series in the database (the external labels
   *     of its remote write)
   */
  public History(
      PromQlClient client,
      Clock clock,
      long horizonMs,
      long rawStepMs,
      Map<String, String> ownLabels,
      long jobLookbackMs) {
    this.client = client;
    this.clock = clock;
    this.horizonMs = horizonMs;
    this.rawStepMs = rawStepMs;
    this.ownLabels = Map.copyOf(ownLabels);
    this.remoteJobs = new RemoteJobs(client, clock, jobLookbackMs, rawStepMs);
  }

  public static History create(
      Vertx vertx,
      HistorySettings settings,
      Clock clock,
      long horizonMs,
      long rawStepMs,
      Map<String, String> ownLabels) {
    return new History(
        new PromQlClient(vertx, settings),
        clock,
        horizonMs,
        rawStepMs,
        ownLabels,
        settings.jobLookback().toMillis());
  }

  /** Closes the HTTP client's connections to the database. */
  public void close() {
    client.close();
  }

  /** True when {@code fromMs} lies before what the hub's own tiers hold. */
  public boolean reaches(long fromMs) {
    return fromMs < clock.millis() - horizonMs;
  }

  /** Series of one of this hub's hosts. */
  public Future<List<SeriesData>> series(SeriesQuery query) {
    return series(query, ownLabels);
  }

  private Future<List<SeriesData>> series(SeriesQuery query, Map<String, String> selectLabels) {
    HistoryQuery q = new HistoryQuery(query, selectLabels, rawStepMs);
    return client
        .queryRange(q.promql(), q.evalStartMs(), q.evalEndMs(), q.stepMs())
        .map(q::toSeries);
  }

  /** A job's series, cut to its allocations as {@link JobSeries} cuts the hub's. */
  public Future<List<SeriesData>> jobSeries(
      Job job,
      Map<String, String> clusterLabels,
      String metric,
      Labels matchers,
      long fromMs,
      long toMs,
      int maxPoints) {
    Map<String, String> select = clusterLabels == null ? ownLabels : clusterLabels;
    List<JobSeries.HostWindow> windows = JobSeries.windows(job, fromMs, toMs);
    List<Future<List<SeriesData>>> parts = new ArrayList<>(windows.size());
    for (JobSeries.HostWindow w : windows) {
      parts.add(
          series(
                  new SeriesQuery(w.host(), metric, matchers, w.fromMs(), w.toMs(), maxPoints),
                  select)
              .map(
                  list -> {
                    List<SeriesData> cut = new ArrayList<>();
                    for (SeriesData d : list) {
                      SeriesData c = w.cut(d);
                      if (c != null) {
                        cut.add(c);
                      }
                    }
                    return cut;
                  }));
    }
    return Future.all(parts)
        .map(
            all -> {
              List<SeriesData> out = new ArrayList<>();
              for (int i = 0; i < all.size(); i++) {
                List<SeriesData> part = all.resultAt(i);
                out.addAll(part);
              }
              return out;
            });
  }

  /** A job the hub does not know, looked up in the database. */
  public Future<Optional<RemoteJob>> findJob(String jobId) {
    return remoteJobs.find(jobId);
  }
}
