package io.clusterwatch.hub.cluster;

import io.clusterwatch.hub.agents.AgentRegistry;
import io.clusterwatch.hub.agents.AgentState;
import io.clusterwatch.hub.alerts.AlertService;
import io.clusterwatch.hub.rules.Alert;
import io.clusterwatch.hub.store.LatestValue;
import io.clusterwatch.hub.store.SampleStore;
import io.clusterwatch.hub.store.SeriesInfo;
import io.clusterwatch.protocol.SeriesKey;
import java.time.Clock;
import java.util.ArrayList;
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

  public ClusterView(
      SampleStore store,
      AgentRegistry agents,
      NodeLayouts layouts,
      GpuStates gpuStates,
      Clock clock,
      AlertService alerts) {
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

  public ClusterJson cluster() {
    int nodesUp = 0;
    int nodesDown = 0;
    int[] states = new int[4];
    List<Alert> firing = alerts.alerts();
    List<ClusterJson.Node> nodes = new ArrayList<>();
    for (String host : hosts()) {
      boolean up = up(host);
      if (up) {
        nodesUp++;
      } else {
        nodesDown++;
      }
      NodeLayout layout = layouts.of(host);
      List<GpuJson> gpus = new ArrayList<>();
      for (GpuView g : GpuAlertFlags.apply(gpuStates.of(host, layout, !up), firing)) {
        states[stateIndex(g.state())]++;
        gpus.add(GpuJson.of(g));
      }
      nodes.add(
          new ClusterJson.Node(
              host,
              status(up),
              lastFrame(host),
              Json.number(cpuUtilization(host, layout)),
              Json.number(memoryUsed(host, layout)),
              gpus));
    }
    ClusterJson.Counts counts =
        new ClusterJson.Counts(
            nodesUp, nodesDown, states[0], states[1], states[2], states[3], alerts.firingCount());
    return new ClusterJson(clock.millis(), counts, nodes);
  }

  private static String status(boolean up) {
    return up ? "up" : "down";
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
    return Json.msOrNull(agents.get(host).map(AgentState::lastFrameMs).orElse(0L));
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
  public NodeListJson nodes() {
    List<NodeListJson.Entry> list = new ArrayList<>();
    for (String host : hosts()) {
      Optional<AgentState> agent = agents.get(host);
      list.add(
          new NodeListJson.Entry(
              host,
              status(up(host)),
              layouts.of(host).gpus().size(),
              lastFrame(host),
              agent.map(AgentState::agentId).orElse(null),
              agent.map(AgentState::connected).orElse(false)));
    }
    return new NodeListJson(list);
  }

  /** GET /api/v1/nodes/{host}; empty for an unknown host. */
  public Optional<NodeJson> node(String host) {
    if (!knows(host)) {
      return Optional.empty();
    }
    Optional<AgentState> agent = agents.get(host);
    NodeLayout layout = layouts.of(host);
    boolean up = up(host);
    List<GpuJson> gpus = gpuStates.of(host, layout, !up).stream().map(GpuJson::of).toList();
    List<NodeJson.Series> series = new ArrayList<>();
    for (SeriesInfo s : store.series(host)) {
      Optional<LatestValue> v = store.latest(host, s.key());
      series.add(
          new NodeJson.Series(
              s.key().metric(),
              Json.labels(s.key().labels()),
              s.type().wireName(),
              s.unit(),
              Json.number(v.map(LatestValue::value).orElse(Double.NaN)),
              v.map(LatestValue::timestampMs).orElse(null)));
    }
    NodeJson.Agent agentJson =
        agent
            .map(
                a ->
                    new NodeJson.Agent(
                        a.agentId(),
                        a.connected(),
                        Json.msOrNull(a.lastFrameMs()),
                        Json.number(Math.rint(a.clockSkewMs())),
                        a.intervalMs(),
                        a.version(),
                        a.bootId(),
                        a.framesReceived(),
                        a.resumes()))
            .orElse(null);
    return Optional.of(
        new NodeJson(
            host,
            status(up),
            agentJson,
            Json.strings(agent.map(AgentState::attributes).orElse(Map.of())),
            gpus,
            series));
  }
}
