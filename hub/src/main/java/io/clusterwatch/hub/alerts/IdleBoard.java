package io.clusterwatch.hub.alerts;

import io.clusterwatch.hub.cluster.ClusterView;
import io.clusterwatch.hub.cluster.GpuView;
import io.clusterwatch.hub.cluster.Json;
import io.clusterwatch.hub.jobs.Allocation;
import io.clusterwatch.hub.jobs.Job;
import io.clusterwatch.hub.jobs.JobRegistry;
import io.clusterwatch.hub.jobs.JobSummaries;
import io.clusterwatch.hub.rules.Alert;
import io.clusterwatch.hub.rules.AlertState;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The idle board ({@code GET /api/v1/idle}): every allocated GPU that is idle now (state {@code
 * idle}, or an idle-group alert firing for it), grouped by a job attribute or the user, with the
 * GPU-minutes it has been idle within its job.
 */
public final class IdleBoard {
  /** The values {@code group_by} may take. */
  public static final Set<String> GROUP_BY =
      Set.of("account", "partition", "reservation", "namespace", "user");

  private final ClusterView cluster;
  private final JobRegistry jobs;
  private final JobSummaries summaries;
  private final AlertService alerts;
  private final Clock clock;
  private final double idleThresholdRatio;

  public IdleBoard(
      ClusterView cluster,
      JobRegistry jobs,
      JobSummaries summaries,
      AlertService alerts,
      Clock clock,
      double idleThresholdRatio) {
    this.cluster = cluster;
    this.jobs = jobs;
    this.summaries = summaries;
    this.alerts = alerts;
    this.clock = clock;
    this.idleThresholdRatio = idleThresholdRatio;
  }

  private record Entry(String key, IdleBoardJson.Gpu gpu) {}

  /** Every idle GPU of every job. */
  public IdleBoardJson board(String groupBy) {
    return board(groupBy, job -> true);
  }

  /** The idle GPUs of the jobs {@code visible} accepts (the viewer's). */
  public IdleBoardJson board(String groupBy, Predicate<Job> visible) {
    Map<String, Alert> idleAlerts = new HashMap<>();
    for (Alert a : alerts.alerts()) {
      String uuid = a.labels().get("gpu_uuid");
      if (a.state() == AlertState.FIRING && a.group().equals("idle") && uuid != null) {
        idleAlerts.putIfAbsent(a.labels().get("host") + "\n" + uuid, a);
      }
    }
    Map<String, List<Entry>> groups = new LinkedHashMap<>();
    for (String host : cluster.hosts()) {
      for (GpuView g : cluster.gpus(host)) {
        Alert alert = idleAlerts.get(host + "\n" + g.uuid());
        if (g.job() == null
            || !(g.state().equals("idle") || alert != null)
            || !visible.test(g.job())) {
          continue;
        }
        Entry e = entry(g, alert, groupBy);
        groups.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(e);
      }
    }
    List<IdleBoardJson.Group> out = new ArrayList<>();
    for (Map.Entry<String, List<Entry>> group : groups.entrySet()) {
      List<IdleBoardJson.Gpu> gpus = new ArrayList<>();
      double wasted = 0;
      for (Entry e : group.getValue()) {
        wasted += e.gpu().wastedGpuMinutes();
        gpus.add(e.gpu());
      }
      gpus.sort(Comparator.comparingDouble(IdleBoardJson.Gpu::wastedGpuMinutes).reversed());
      out.add(new IdleBoardJson.Group(group.getKey(), gpus.size(), wasted, gpus));
    }
    out.sort(
        Comparator.comparingDouble(IdleBoardJson.Group::wastedGpuMinutes)
            .reversed()
            .thenComparing(IdleBoardJson.Group::key));
    return new IdleBoardJson(clock.millis(), groupBy, out);
  }

  private Entry entry(GpuView g, Alert alert, String groupBy) {
    Job job = g.job();
    String key = groupBy.equals("user") ? job.user() : job.attributes().getOrDefault(groupBy, "");
    double wasted = 0;
    Job fresh = jobs.get(job.id()).orElse(job);
    for (Allocation a : fresh.allocations()) {
      if (a.host().equals(g.host()) && a.gpuUuid().equals(g.uuid())) {
        double m = summaries.idleGpuMinutes(a);
        if (!Double.isNaN(m)) {
          wasted += m;
        }
      }
    }
    String reason =
        alert != null
            ? alert.summary()
            : "utilisation at or under " + Math.round(idleThresholdRatio * 100) + " %";
    return new Entry(
        key,
        new IdleBoardJson.Gpu(
            g.host(),
            Json.intOrString(g.index()),
            g.uuid(),
            job.id(),
            job.user(),
            job.name(),
            Json.msOrNull(g.idleSinceMs()),
            wasted,
            Json.number(g.memoryUsedBytes()),
            reason));
  }
}
