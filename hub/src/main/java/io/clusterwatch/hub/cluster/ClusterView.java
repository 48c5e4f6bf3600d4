package io.clusterwatch.hub.cluster;

import io.clusterwatch.hub.alerts.AlertService;
import io.clusterwatch.hub.rules.Alert;

import io.clusterwatch.hub.agents.AgentRegistry;
import io.clusterwatch.hub.agents.AgentState;
import io.clusterwatch.hub.jobs.Job;
import io.clusterwatch.hub.store.LatestValue;
import io.clusterwatch.hub.store.SampleStore;
import io.clusterwatch.hub.store.SeriesInfo;
import io.clusterwatch.protocol.SeriesKey;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** The JSON bodies of /api/v1/cluster and /api/v1/nodes (shapes in docs/API.md). */
public final class ClusterView {
  private final SampleStore store;
  private final AgentRegistry agents;
  private final NodeLayouts layouts;
  private final GpuStates gpuStates;
  private final Clock clock;
  private final AlertService alerts;

  public ClusterView(SampleStore store, AgentRegistry agents, NodeLayouts layouts, GpuStates gpuStates,
      Clock clock, AlertService alerts) {
    this.alerts = alerts;
    this.store = store;
    this.agents = agents;
    this.layouts = layouts;
    this.gpuStates = gpuStates;
    this.clock = clock;
  }

  /** Every host the hub knows: agents seen and hosts with stored data, sorted. */
  public List<String> hosts() {
    TreeSet<String> hosts = new TreeSet<>(agents.hosts());
    hosts.addAll(store.hosts());
    return List.copyOf(hosts);
  }

  public boolean knows(String host) {
    return agents.get(host).isPresent() || !store.series(host).isEmpty();
  }

  private boolean up(String host) {
    return agents.get(host).map(agents::isUp).orElse(false);
  }

  /** GPUs of one host with their states. */
  public List<GpuView> gpus(String host) {
    return GpuAlertFlags.apply(gpuStates.of(host, layouts.of(host), !up(host)), alerts.alerts());
  }

  public JsonObject cluster() {
    int nodesUp = 0;
    int nodesDown = 0;
    int[] states = new int[4];
    List<Alert> firing = alerts.alerts();
    JsonArray nodes = new JsonArray();
    for (String host : hosts()) {
      boolean up = up(host);
      if (up) {
        nodesUp++;
      } else {
        nodesDown++;
      }
      NodeLayout layout = layouts.of(host);
      List<GpuView> gpus = GpuAlertFlags.apply(gpuStates.of(host, layout, !up), firing);
      JsonArray gpuJson = new JsonArray();
      for (GpuView g : gpus) {
        states[stateIndex(g.state())]++;
        gpuJson.add(gpu(g));
      }
      nodes.add(new JsonObject()
          .put("host", host)
          .put("status", up ? "up" : "down")
          .put("last_frame_ms", lastFrame(host))
          .put("cpu_utilization_ratio", Json.number(cpuUtilization(host, layout)))
          .put("memory_used_ratio", Json.number(memoryUsed(host, layout)))
          .put("gpus", gpuJson));
    }
    JsonObject counts = new JsonObject()
        .put("nodes_up", nodesUp)
        .put("nodes_down", nodesDown)
        .put("gpus_busy", states[0])
        .put("gpus_idle", states[1])
        .put("gpus_free", states[2])
        .put("gpus_stale", states[3])
        .put("alerts_firing", alerts.firingCount());
    return new JsonObject().put("time_ms", clock.millis()).put("counts", counts).put("nodes", nodes);
  }

  private static int stateIndex(String state) {
    switch (state) {
      case "busy":
        return 0;
      case "idle":
        return 1;
      case "free":
        return 2;
      default:
        return 3;
    }
  }

  private Long lastFrame(String host) {
    long ms = agents.get(host).map(AgentState::lastFrameMs).orElse(0L);
    return ms == 0 ? null : ms;
  }

  public static JsonObject gpu(GpuView g) {
    Job job = g.job();
    return new JsonObject()
        .put("index", Json.intOrString(g.index()))
        .put("uuid", g.uuid())
        .put("pci_bus_id", Json.textOrNull(g.pciBusId()))
        .put("model", Json.textOrNull(g.model()))
        .put("state", g.state())
        .put("idle_since_ms", g.idleSinceMs() == 0 ? null : g.idleSinceMs())
        .put("memory_held_idle", g.memoryHeldIdle())
        .put("unhealthy", g.unhealthy())
        .put("unhealthy_reasons", new JsonArray(g.unhealthyReasons()))
        .put("utilization", Json.number(g.utilization()))
        .put("memory_used_bytes", Json.number(g.memoryUsedBytes()))
        .put("memory_total_bytes", Json.number(g.memoryTotalBytes()))
        .put("power_watts", Json.number(g.powerWatts()))
        .put("temperature_celsius", Json.number(g.temperatureCelsius()))
        .put("job", job == null ? null
            : new JsonObject().put("id", job.id()).put("user", job.user()).put("name", job.name()));
  }

  /** Busy CPU time over all CPU time, from the per-mode rates of {@code cpu_seconds_total}. */
  private double cpuUtilization(String host, NodeLayout layout) {
    double all = 0;
    double idle = 0;
    boolean any = false;
    for (SeriesKey k : layout.cpuSeconds()) {
      double rate = latest(host, k);
      if (Double.isNaN(rate)) {
        continue;
      }
      any = true;
      all += rate;
      String mode = k.labels().get("mode");
      if ("idle".equals(mode) || "iowait".equals(mode)) {
        idle += rate;
      }
    }
    return any && all > 0 ? (all - idle) / all : Double.NaN;
  }

  /** 1 - MemAvailable / MemTotal, the share of memory not available to new work. */
  private double memoryUsed(String host, NodeLayout layout) {
    double total = latest(host, layout.memTotal());
    double available = latest(host, layout.memAvailable());
    return total > 0 && !Double.isNaN(available) ? 1.0 - available / total : Double.NaN;
  }

  private double latest(String host, SeriesKey key) {
    if (key == null) {
      return Double.NaN;
    }
    return store.latest(host, key).map(LatestValue::value).orElse(Double.NaN);
  }

  /** Entries of GET /api/v1/nodes. */
  public JsonObject nodes() {
    JsonArray list = new JsonArray();
    for (String host : hosts()) {
      Optional<AgentState> agent = agents.get(host);
      list.add(new JsonObject()
          .put("host", host)
          .put("status", up(host) ? "up" : "down")
          .put("gpus", layouts.of(host).gpus().size())
          .put("last_frame_ms", lastFrame(host))
          .put("agent_id", agent.map(AgentState::agentId).orElse(null))
          .put("connected", agent.map(AgentState::connected).orElse(false)));
    }
    return new JsonObject().put("nodes", list);
  }

  /** GET /api/v1/nodes/{host}; empty for an unknown host. */
  public Optional<JsonObject> node(String host) {
    if (!knows(host)) {
      return Optional.empty();
    }
    Optional<AgentState> agent = agents.get(host);
    NodeLayout layout = layouts.of(host);
    boolean up = up(host);
    JsonArray gpus = new JsonArray();
    gpuStates.of(host, layout, !up).forEach(g -> gpus.add(gpu(g)));
    JsonArray series = new JsonArray();
    for (SeriesInfo s : store.series(host)) {
      Optional<LatestValue> v = store.latest(host, s.key());
      series.add(new JsonObject()
          .put("metric", s.key().metric())
          .put("labels", Json.labels(s.key().labels()))
          .put("type", s.type().wireName())
          .put("unit", s.unit())
          .put("value", Json.number(v.map(LatestValue::value).orElse(Double.NaN)))
          .put("timestamp_ms", v.map(LatestValue::timestampMs).orElse(null)));
    }
    JsonObject agentJson = agent.map(a -> new JsonObject()
        .put("agent_id", a.agentId())
        .put("connected", a.connected())
        .put("last_frame_ms", a.lastFrameMs() == 0 ? null : a.lastFrameMs())
        .put("clock_skew_ms", Json.number(Math.rint(a.clockSkewMs())))
        .put("interval_ms", a.intervalMs())
        .put("version", a.version())
        .put("boot_id", a.bootId())
        .put("frames_received", a.framesReceived())
        .put("resumes", a.resumes())).orElse(null);
    return Optional.of(new JsonObject()
        .put("host", host)
        .put("status", up ? "up" : "down")
        .put("agent", agentJson)
        .put("attributes", Json.strings(agent.map(AgentState::attributes).orElse(Map.of())))
        .put("gpus", gpus)
        .put("series", series));
  }
}
