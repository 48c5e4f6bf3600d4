package io.clusterwatch.hub.alerts;

import io.clusterwatch.hub.agents.AgentRegistry;
import io.clusterwatch.hub.agents.AgentState;
import io.clusterwatch.hub.cluster.NodeLayout;
import io.clusterwatch.hub.cluster.NodeLayouts;
import io.clusterwatch.hub.rules.HostStatus;
import io.clusterwatch.hub.store.LatestValue;
import io.clusterwatch.hub.store.SampleStore;
import io.clusterwatch.protocol.SeriesKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link HostStatus} from ingest: the agent registry's last frame and interval, and GPU counts from
 * the host's series. A GPU counts as visible when one of its series has a value at the host's
 * newest stored tick (a GPU that fell off the bus stops reporting while the others go on); the
 * expected count is the most GPUs this hub has counted visible on the host.
 */
public final class AgentHostStatus implements HostStatus {
  private final AgentRegistry agents;
  private final NodeLayouts layouts;
  private final SampleStore store;
  private final Map<String, Integer> mostGpus = new ConcurrentHashMap<>();

  public AgentHostStatus(AgentRegistry agents, NodeLayouts layouts, SampleStore store) {
    this.agents = agents;
    this.layouts = layouts;
    this.store = store;
  }

  @Override
  public Optional<Instant> lastSeen(String host) {
    return agents
        .get(host)
        .map(AgentState::lastFrameMs)
        .filter(ms -> ms > 0)
        .map(Instant::ofEpochMilli);
  }

  @Override
  public Duration sampleInterval(String host) {
    return agents.get(host).map(a -> Duration.ofMillis(a.intervalMs())).orElse(Duration.ZERO);
  }

  @Override
  public int visibleGpuCount(String host) {
    long newest = agents.get(host).map(AgentState::newestSampleMs).orElse(0L);
    NodeLayout layout = layouts.of(host);
    int visible = 0;
    for (NodeLayout.GpuLayout gpu : layout.gpus()) {
      if (reportsAt(host, gpu, newest)) {
        visible++;
      }
    }
    mostGpus.merge(host, visible, Math::max);
    return visible;
  }

  private boolean reportsAt(String host, NodeLayout.GpuLayout gpu, long newestMs) {
    for (SeriesKey key : gpu.byMetric().values()) {
      Optional<LatestValue> v = store.latest(host, key);
      if (v.isPresent() && v.get().timestampMs() >= newestMs) {
        return true;
      }
    }
    return false;
  }

  /** The most GPUs {@link #visibleGpuCount} has counted for the host; counts nothing itself. */
  @Override
  public int expectedGpuCount(String host) {
    return mostGpus.getOrDefault(host, 0);
  }
}
