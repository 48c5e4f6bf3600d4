package io.clusterwatch.hub.access;

import io.clusterwatch.hub.alerts.AlertService;
import io.clusterwatch.hub.auth.Viewer;
import io.clusterwatch.hub.cluster.ClusterJson;
import io.clusterwatch.hub.cluster.GpuJson;
import io.clusterwatch.hub.jobs.JobRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * The cluster heatmap as one viewer may see it. Operators see it whole. Others see every node and
 * GPU with its state and figures, but a GPU held by a job they may not see carries no job (no id,
 * user or name), no GPU carries health flags, and {@code alerts_firing} counts only their alerts.
 */
public final class ClusterRedaction {
  private final JobRegistry jobs;
  private final AlertService alerts;
  private final AlertVisibility alertVisibility;

  public ClusterRedaction(JobRegistry jobs, AlertService alerts, AlertVisibility alertVisibility) {
    this.jobs = jobs;
    this.alerts = alerts;
    this.alertVisibility = alertVisibility;
  }

  public ClusterJson redact(ClusterJson cluster, Viewer viewer) {
    if (viewer.seesAll()) {
      return cluster;
    }
    List<ClusterJson.Node> nodes = new ArrayList<>(cluster.nodes().size());
    for (ClusterJson.Node n : cluster.nodes()) {
      List<GpuJson> gpus = new ArrayList<>(n.gpus().size());
      for (GpuJson g : n.gpus()) {
        gpus.add(redact(g, viewer));
      }
      nodes.add(
          new ClusterJson.Node(
              n.host(),
              n.status(),
              n.lastFrameMs(),
              n.cpuUtilizationRatio(),
              n.memoryUsedRatio(),
              gpus));
    }
    ClusterJson.Counts c = cluster.counts();
    ClusterJson.Counts counts =
        new ClusterJson.Counts(
            c.nodesUp(),
            c.nodesDown(),
            c.gpusBusy(),
            c.gpusIdle(),
            c.gpusFree(),
            c.gpusStale(),
            alertVisibility.firingCount(alerts.alerts(), viewer));
    return new ClusterJson(cluster.timeMs(), counts, nodes);
  }

  private GpuJson redact(GpuJson g, Viewer viewer) {
    GpuJson.JobRef job = g.job();
    boolean shown = job != null && jobs.get(job.id()).map(viewer::maySee).orElse(false);
    return new GpuJson(
        g.index(),
        g.uuid(),
        g.pciBusId(),
        g.model(),
        g.state(),
        g.idleSinceMs(),
        g.memoryHeldIdle(),
        false,
        List.of(),
        g.utilization(),
        g.memoryUsedBytes(),
        g.memoryTotalBytes(),
        g.powerWatts(),
        g.temperatureCelsius(),
        shown ? job : null);
  }
}
