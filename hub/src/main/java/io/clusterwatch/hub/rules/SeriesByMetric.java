package io.clusterwatch.hub.rules;

import io.clusterwatch.hub.store.SampleStore;
import io.clusterwatch.hub.store.SeriesInfo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The label sets of each metric of each host, read from the store's series list again only when the
 * host's series change (its {@link SampleStore#seriesGeneration}): the rules ask for them on every
 * pass, and reading them lists and sorts hundreds of series per host.
 */
public final class SeriesByMetric {
  private record Cached(long generation, Map<String, List<Map<String, String>>> byMetric) {}

  private final SampleStore store;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  public SeriesByMetric(SampleStore store) {
    this.store = store;
  }

  /** Label sets (unmodifiable) of the host's series of {@code metric}, in key order. */
  public List<Map<String, String>> series(String host, String metric) {
    // read before the series, so that a change in between leaves an entry that is read again
    long generation = store.seriesGeneration(host);
    Cached cached = cache.get(host);
    if (cached == null || cached.generation() != generation) {
      cached = new Cached(generation, read(host));
      cache.put(host, cached);
    }
    return cached.byMetric().getOrDefault(metric, List.of());
  }

  private Map<String, List<Map<String, String>>> read(String host) {
    Map<String, List<Map<String, String>>> m = new HashMap<>();
    for (SeriesInfo s : store.series(host)) {
      m.computeIfAbsent(s.key().metric(), k -> new ArrayList<>()).add(s.key().labels().asMap());
    }
    m.replaceAll((metric, list) -> List.copyOf(list));
    return m;
  }

  /** Forgets hosts no longer stored. */
  public void retain(Collection<String> hosts) {
    cache.keySet().retainAll(hosts);
  }
}
