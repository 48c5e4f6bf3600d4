package io.clusterwatch.hub.history;

import io.clusterwatch.hub.jobs.Allocation;
import io.clusterwatch.hub.jobs.Job;
import io.clusterwatch.hub.jobs.JobState;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Finds a job in the history database by its allocation series, {@code
 * clusterwatch_job_gpu_info{job_id, user, account, partition, Hostname, UUID}} (written by remote
 * write, one sample per tick while the job holds the GPU). Two range queries of {@code
 * count_over_time}: a coarse one over the look-back (with an instant query for the newest samples)
 * finds the job's span, a fine one over that span finds each GPU's first and last tick to within
 * one step. Counting samples rather than reading the series' presence keeps PromQL's five-minute
 * look-back from stretching the end.
 */
public final class RemoteJobs {
  static final String INFO = "clusterwatch_job_gpu_info";

  /** Labels of the info series that describe the job; every other label names its cluster. */
  private static final Set<String> JOB_LABELS =
      Set.of("__name__", "job_id", "user", "account", "partition", "Hostname", "UUID", "instance");

  /** Most points per series of one range query (Prometheus refuses more than 11 000). */
  private static final int MAX_POINTS = 10_000;

  private final PromQlClient client;
  private final Clock clock;
  private final long lookbackMs;
  private final long rawStepMs;

  public RemoteJobs(PromQlClient client, Clock clock, long lookbackMs, long rawStepMs) {
    this.client = client;
    this.clock = clock;
    this.lookbackMs = lookbackMs;
    this.rawStepMs = rawStepMs;
  }

  /** The job, or empty when the database has no allocation of it within the look-back. */
  public Future<Optional<RemoteJob>> find(String jobId) {
    long now = clock.millis();
    String selector = INFO + "{job_id=\"" + HistoryQuery.escape(jobId) + "\"}";
    long coarse = step(lookbackMs);
    // A range query's points are aligned to its step and never later than now, so the newest
    // samples (after the last point) are found by an instant query over the last two steps.
    String recent = "count_over_time(" + selector + "[" + 2 * coarse / 1000 + "s])";
    Future<List<Span>> older = spans(selector, now - lookbackMs, now, coarse);
    Future<List<PromResult>> newest = client.query(recent, now);
    return Future.all(older, newest)
        .compose(
            both -> {
              long first = Long.MAX_VALUE;
              long last = Long.MIN_VALUE;
              for (Span s : older.result()) {
                first = Math.min(first, s.firstMs());
                last = Math.max(last, s.lastMs());
              }
              if (!newest.result().isEmpty()) {
                first = Math.min(first, now - 2 * coarse);
                last = now;
              }
              if (first == Long.MAX_VALUE) {
                return Future.succeededFuture(Optional.empty());
              }
              long from = first - coarse;
              long to = Math.min(now, last);
              long fine = step(to - from);
              return spans(selector, from, to, fine)
                  .map(
                      spans ->
                          Optional.of(
                              new RemoteJob(
                                  job(jobId, spans, now, fine),
                                  clusterLabels(spans.get(0).labels()))));
            });
  }

  /** Whole seconds, at least the raw step, so that {@code span} fits in {@link #MAX_POINTS}. */
  private long step(long spanMs) {
    long step = Math.max(rawStepMs, -Math.floorDiv(-spanMs, MAX_POINTS));
    return Math.max(1000, -Math.floorDiv(-step, 1000) * 1000);
  }

  /**
   * Each info series with samples in the range, with the start of its first and the end of its last
   * step.
   */
  private Future<List<Span>> spans(String selector, long fromMs, long toMs, long stepMs) {
    String q = "count_over_time(" + selector + "[" + stepMs / 1000 + "s])";
    return client
        .queryRange(q, fromMs, toMs, stepMs)
        .map(
            results -> {
              List<Span> out = new ArrayList<>();
              for (PromResult r : results) {
                long first = Long.MAX_VALUE;
                long last = Long.MIN_VALUE;
                for (int i = 0; i < r.values().length; i++) {
                  if (r.values()[i] > 0) {
                    first = Math.min(first, r.timestampsMs()[i] - stepMs);
                    last = Math.max(last, r.timestampsMs()[i]);
                  }
                }
                if (first != Long.MAX_VALUE) {
                  out.add(new Span(r.labels(), first, last));
                }
              }
              return out;
            });
  }

  private Job job(String jobId, List<Span> spans, long nowMs, long stepMs) {
    if (spans.isEmpty()) {
      throw new HistoryException(
          "job " + jobId + " vanished from the history database between two queries");
    }
    Map<String, String> cluster = clusterLabels(spans.get(0).labels());
    for (Span s : spans) {
      if (!clusterLabels(s.labels()).equals(cluster)) {
        throw new HistoryException(
            "job id "
                + jobId
                + " is held by several clusters in the history database: "
                + cluster
                + " and "
                + clusterLabels(s.labels()));
      }
    }
    Map<String, String> info = spans.get(0).labels();
    // a GPU whose last tick is within two steps of now is still held
    long runningAfter = nowMs - 2 * stepMs;
    List<Allocation> allocations = new ArrayList<>();
    long start = Long.MAX_VALUE;
    long end = Long.MIN_VALUE;
    boolean running = false;
    for (Span s : spans) {
      boolean open = s.lastMs() >= runningAfter;
      running |= open;
      allocations.add(
          new Allocation(
              jobId,
              s.labels().getOrDefault("Hostname", ""),
              s.labels().getOrDefault("UUID", ""),
              s.firstMs(),
              open ? Allocation.OPEN : s.lastMs()));
      start = Math.min(start, s.firstMs());
      end = Math.max(end, s.lastMs());
    }
    allocations.sort(
        (a, b) ->
            a.startMs() != b.startMs()
                ? Long.compare(a.startMs(), b.startMs())
                : (a.host() + a.gpuUuid()).compareTo(b.host() + b.gpuUuid()));
    Map<String, String> attributes = new TreeMap<>(cluster);
    putIfPresent(attributes, "account", info.get("account"));
    putIfPresent(attributes, "partition", info.get("partition"));
    return new Job(
        jobId,
        info.getOrDefault("user", ""),
        "",
        attributes,
        running ? JobState.RUNNING : JobState.FINISHED,
        start,
        running ? 0 : end,
        "history",
        allocations);
  }

  private static Map<String, String> clusterLabels(Map<String, String> labels) {
    Map<String, String> out = new HashMap<>();
    labels.forEach(
        (k, v) -> {
          if (!JOB_LABELS.contains(k)) {
            out.put(k, v);
          }
        });
    return out;
  }

  private static void putIfPresent(Map<String, String> out, String key, String value) {
    if (value != null && !value.isEmpty()) {
      out.put(key, value);
    }
  }

  private record Span(Map<String, String> labels, long firstMs, long lastMs) {
    Span {
      labels = new LinkedHashMap<>(labels);
    }
  }
}
