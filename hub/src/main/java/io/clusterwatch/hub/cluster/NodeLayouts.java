package io.clusterwatch.hub.cluster;

import io.clusterwatch.hub.agents.AgentRegistry;
import io.clusterwatch.hub.agents.AgentState;
import io.clusterwatch.hub.store.SampleStore;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Layouts of every host, rebuilt when the host's series table changes, and at least every few
 * seconds because the store may learn a table's series only as their first values arrive.
 */
public final class NodeLayouts {
  private static final long REFRESH_MS = 5_000;

  private record Cached(NodeLayout layout, long builtMs) {}

  private final SampleStore store;
  private final AgentRegistry agents;
  private final Clock clock;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  public NodeLayouts(SampleStore store, AgentRegistry agents, Clock clock) {
    this.store = store;
    this.agents = agents;
    this.clock = clock;
  }

  public NodeLayout of(String host) {
    long generation = agents.get(host).map(AgentState::layoutGeneration).orElse(-1L);
    long now = clock.millis();
    Cached cached = cache.get(host);
    if (cached != null
        && cached.layout().generation() == generation
        && now - cached.builtMs() < REFRESH_MS) {
      return cached.layout();
    }
    NodeLayout fresh = NodeLayout.of(generation, store.series(host));
    cache.put(host, new Cached(fresh, now));
    return fresh;
  }
}
