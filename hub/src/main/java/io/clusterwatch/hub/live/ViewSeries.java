package io.clusterwatch.hub.live;

import io.clusterwatch.hub.HubServices;
import io.clusterwatch.hub.cluster.Json;
import io.clusterwatch.hub.jobs.Allocation;
import io.clusterwatch.hub.jobs.Job;
import io.clusterwatch.hub.jobs.JobIdLabel;
import io.clusterwatch.hub.store.LatestValue;
import io.clusterwatch.hub.store.SeriesData;
import io.clusterwatch.hub.store.SeriesInfo;
import io.clusterwatch.hub.store.SeriesQuery;
import io.clusterwatch.protocol.Labels;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The series of a node or job view: for a node every series of the host; for a job every series of
 * its hosts, GPU series only for the GPUs it holds there, per-job series only its own (the same
 * join as /api/v1/series).
 */
final class ViewSeries {
  /** Most points per series in one delta; more only after a long silence or a resend burst. */
  static final int MAX_POINTS_PER_DELTA = 600;

  private final HubServices hub;

  ViewSeries(HubServices hub) {
    this.hub = hub;
  }

  /** Hosts of a view; empty when the node or job is unknown. */
  Optional<List<String>> hosts(LiveView view) {
    if (view.kind() == LiveView.Kind.NODE) {
      return hub.cluster().knows(view.id()) ? Optional.of(List.of(view.id())) : Optional.empty();
    }
    return hub.jobs().get(view.id()).map(Job::hosts);
  }

  /** GPU UUIDs a view may show on {@code host}; null: every GPU (a node view). */
  private Set<String> allowedGpus(LiveView view, String host, long fromMs, long toMs) {
    if (view.kind() == LiveView.Kind.NODE) {
      return null;
    }
    Set<String> uuids = new HashSet<>();
    hub.jobs()
        .get(view.id())
        .ifPresent(
            job -> {
              for (Allocation a : job.allocations()) {
                if (a.host().equals(host) && a.holdsGpu() && a.overlaps(fromMs, toMs)) {
                  uuids.add(a.gpuUuid());
                }
              }
            });
    return uuids;
  }

  /**
   * The {@code job_id} values of a job view's own per-job series; null: every job's (a node view).
   */
  private Set<String> jobIds(LiveView view) {
    if (view.kind() == LiveView.Kind.NODE) {
      return null;
    }
    return hub.jobs()
        .get(view.id())
        .map(j -> JobIdLabel.ids(j.id(), j.attributes()))
        .orElse(Set.of());
  }

  private static boolean allowed(Set<String> gpus, Set<String> jobIds, Labels labels) {
    String uuid = labels.get("gpu_uuid");
    return (gpus == null || uuid == null || gpus.contains(uuid))
        && (jobIds == null || JobIdLabel.visibleTo(labels, jobIds));
  }

  /** Snapshot entries: the latest value of every series of the view on {@code host}. */
  void latest(LiveView view, String host, List<LiveMessages.Latest> out) {
    long now = hub.clock().millis();
    Set<String> gpus = allowedGpus(view, host, now, now);
    Set<String> jobIds = jobIds(view);
    for (SeriesInfo s : hub.layouts().of(host).series()) {
      if (!allowed(gpus, jobIds, s.key().labels())) {
        continue;
      }
      Optional<LatestValue> v = hub.store().latest(host, s.key());
      out.add(
          new LiveMessages.Latest(
              host,
              s.key().metric(),
              Json.labels(s.key().labels()),
              Json.number(v.map(LatestValue::value).orElse(Double.NaN)),
              v.map(LatestValue::timestampMs).orElse(null)));
    }
  }

  /**
   * Delta entries: points of the view's series on {@code host} with timestamps in {@code (afterMs,
   * untilMs]}.
   */
  void points(
      LiveView view, String host, long afterMs, long untilMs, List<LiveMessages.Point> out) {
    Set<String> gpus = allowedGpus(view, host, afterMs, untilMs);
    Set<String> jobIds = jobIds(view);
    Set<String> metrics = new LinkedHashSet<>();
    for (SeriesInfo s : hub.layouts().of(host).series()) {
      metrics.add(s.key().metric());
    }
    for (String metric : metrics) {
      List<SeriesData> data =
          hub.store()
              .query(
                  new SeriesQuery(
                      host, metric, Labels.EMPTY, afterMs + 1, untilMs, MAX_POINTS_PER_DELTA));
      for (SeriesData d : data) {
        if (!allowed(gpus, jobIds, d.key().labels())) {
          continue;
        }
        Map<String, String> labels = null;
        for (int i = 0; i < d.timestampsMs().length; i++) {
          long t = d.timestampsMs()[i];
          double v = d.avg()[i];
          if (t <= afterMs || t > untilMs || Double.isNaN(v)) {
            continue;
          }
          if (labels == null) {
            labels = Json.labels(d.key().labels());
          }
          out.add(new LiveMessages.Point(host, metric, labels, t, v));
        }
      }
    }
  }
}
