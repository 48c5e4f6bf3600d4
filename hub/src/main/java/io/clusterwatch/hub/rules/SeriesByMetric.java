package io.clusterwatch.hub.rules;

import io.clusterwatch.hub.store.SampleStore;
import io.clusterwatch.hub.store.SeriesInfo;
import io.clusterwatch.protocol.Labels;
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
 *
 * <p>A host's series are kept grouped by metric as the store's own {@link Labels}; a metric's list
 * of label maps ({@link LabelsView}s over those labels) is made the first time the rules ask for
 * it, and only for the metrics they ask for (a dozen of the hundred or so a node has): a copied map
 * per series of every metric was about 0.3 KB per series, 3.7 MB of the heap at 13,000 series
 * (docs/benchmarks/hub-vs-prometheus.md, "Memory, second pass").
 */
public final class SeriesByMetric {
  /** One read of a host's series: the labels of each metric, and the maps made from them so far. */
  private record Cached(
      long generation,
      Map<String, List<Labels>> labels,
      Map<String, List<Map<String, String>>> maps) {
    List<Map<String, String>> maps(String metric) {
      List<Labels> of = labels.get(metric);
      if (of == null) {
        return List.of();
      }
      return maps.computeIfAbsent(
          metric, m -> of.stream().<Map<String, String>>map(LabelsView::new).toList());
    }
  }

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
      cached = new Cached(generation, read(host), new ConcurrentHashMap<>());
      cache.put(host, cached);
    }
    return cached.maps(metric);
  }

  private Map<String, List<Labels>> read(String host) {
    Map<String, List<Labels>> m = new HashMap<>();
    for (SeriesInfo s : store.series(host)) {
      m.computeIfAbsent(s.key().metric(), k -> new ArrayList<>()).add(s.key().labels());
    }
    m.replaceAll((metric, list) -> List.copyOf(list));
    return m;
  }

  /** Forgets hosts no longer stored. */
  public void retain(Collection<String> hosts) {
    cache.keySet().retainAll(hosts);
  }
}
