package io.clusterwatch.hub.cluster;

import io.clusterwatch.hub.agents.AgentRegistry;
import io.clusterwatch.hub.agents.AgentState;
import io.clusterwatch.hub.store.SampleStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Layouts of every host, rebuilt only when the host's series table or its stored series change: the
 * rules, the cluster view and the job pages ask for a layout many times a second, and building one
 * reads and sorts every series of the host.
 */
public final class NodeLayouts {
  private record Cached(NodeLayout layout, long seriesGeneration) {}

  private final SampleStore store;
  private final AgentRegistry agents;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  public NodeLayouts(SampleStore store, AgentRegistry agents) {
    this.store = store;
    this.agents = agents;
  }

  public NodeLayout of(String host) {
    long generation = agents.get(host).map(AgentState::layoutGeneration).orElse(-1L);
    // read before the series, so that a change in between leaves an entry that is rebuilt next time
    long seriesGeneration = store.seriesGeneration(host);
    Cached cached = cache.get(host);
    if (cached != null
        && cached.layout().generation() == generation
        && cached.seriesGeneration() == seriesGeneration) {
      return cached.layout();
    }
    NodeLayout fresh = NodeLayout.of(generation, store.series(host));
    cache.put(host, new Cached(fresh, seriesGeneration));
    return fresh;
  }
}
