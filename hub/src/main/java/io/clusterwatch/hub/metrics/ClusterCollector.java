package io.clusterwatch.hub.metrics;

import io.clusterwatch.hub.agents.AgentRegistry;
import io.clusterwatch.hub.cluster.ClusterView;
import io.clusterwatch.hub.cluster.GpuView;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The latest cluster values as Prometheus gauges, computed at scrape time from the same view as
 * /api/v1/cluster. Labels identify hardware only (host, gpu index, gpu_uuid); no job labels, which
 * would be unbounded.
 */
public final class ClusterCollector implements MultiCollector {
  private static final String[] GPU_STATES = {"busy", "idle", "free", "stale"};

  private final ClusterView cluster;
  private final AgentRegistry agents;

  public ClusterCollector(ClusterView cluster, AgentRegistry agents) {
    this.cluster = cluster;
    this.agents = agents;
  }

  private record Family(String name, String help, ToDoubleFunction<GpuView> value) {}

  private static final List<Family> GPU_FAMILIES =
      List.of(
          new Family(
              "clusterwatch_gpu_utilization_ratio",
              "GPU utilisation, 0 to 1",
              GpuView::utilization),
          new Family(
              "clusterwatch_gpu_memory_used_bytes", "GPU memory in use", GpuView::memoryUsedBytes),
          new Family(
              "clusterwatch_gpu_memory_total_bytes", "GPU memory size", GpuView::memoryTotalBytes),
          new Family("clusterwatch_gpu_power_watts", "GPU power draw", GpuView::powerWatts),
          new Family(
              "clusterwatch_gpu_temperature_celsius",
              "GPU temperature",
              GpuView::temperatureCelsius),
          new Family(
              "clusterwatch_gpu_memory_held_idle",
              "1 when the GPU holds memory at 0 % utilisation",
              g -> g.memoryHeldIdle() ? 1 : 0),
          new Family(
              "clusterwatch_gpu_unhealthy",
              "1 when the GPU reports an XID, uncorrected ECC or thermal throttling",
              g -> g.unhealthy() ? 1 : 0));

  @Override
  public MetricSnapshots collect() {
    Map<String, GaugeSnapshot.Builder> builders = new LinkedHashMap<>();
    Map<String, Boolean> hasPoints = new LinkedHashMap<>();
    for (Family f : GPU_FAMILIES) {
      builders.put(f.name(), GaugeSnapshot.builder().name(f.name()).help(f.help()));
    }
    GaugeSnapshot.Builder state =
        GaugeSnapshot.builder()
            .name("clusterwatch_gpu_state")
            .help("1 for the GPU's current state (busy, idle, free, stale), 0 for the others");
    GaugeSnapshot.Builder up =
        GaugeSnapshot.builder()
            .name("clusterwatch_node_up")
            .help("1 when the node's agent is connected and not stale");
    boolean anyGpu = false;
    boolean anyNode = false;
    for (String host : cluster.hosts()) {
      anyNode = true;
      boolean nodeUp = agents.get(host).map(agents::isUp).orElse(false);
      up.dataPoint(point(Labels.of("host", host), nodeUp ? 1 : 0));
      for (GpuView g : cluster.gpus(host)) {
        anyGpu = true;
        Labels labels = Labels.of("host", host, "gpu", g.index(), "gpu_uuid", g.uuid());
        for (Family f : GPU_FAMILIES) {
          double v = f.value().applyAsDouble(g);
          if (!Double.isNaN(v)) {
            builders.get(f.name()).dataPoint(point(labels, v));
            hasPoints.put(f.name(), true);
          }
        }
        for (String s : GPU_STATES) {
          state.dataPoint(
              point(
                  Labels.of("host", host, "gpu", g.index(), "gpu_uuid", g.uuid(), "state", s),
                  s.equals(g.state()) ? 1 : 0));
        }
      }
    }
    List<MetricSnapshot> out = new ArrayList<>();
    if (anyNode) {
      out.add(up.build());
    }
    if (anyGpu) {
      out.add(state.build());
    }
    builders.forEach(
        (name, b) -> {
          if (hasPoints.containsKey(name)) {
            out.add(b.build());
          }
        });
    return new MetricSnapshots(out);
  }

  private static GaugeDataPointSnapshot point(Labels labels, double value) {
    return GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
  }
}
