package io.clusterwatch.simulator.cluster;

import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.Sample;
import io.clusterwatch.protocol.SeriesKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One node's samples of one tick, looked up by series. */
final class TickIndex {
  final NodeTick tick;
  final Map<SeriesKey, Sample> byKey = new LinkedHashMap<>();
  private final Map<String, List<Sample>> byMetric = new HashMap<>();

  TickIndex(NodeTick tick) {
    this.tick = tick;
    for (Sample s : tick.samples()) {
      if (byKey.put(s.key(), s) != null) {
        throw new AssertionError("duplicate series " + s.key() + " on " + tick.host());
      }
      byMetric.computeIfAbsent(s.metric(), m -> new ArrayList<>()).add(s);
    }
  }

  /** The value (base unit) of the one series named {@code metric} whose labels include these. */
  double value(String metric, String... labels) {
    List<Sample> found = find(metric, labels);
    if (found.size() != 1) {
      throw new AssertionError(
          found.size() + " series " + metric + Labels.of(labels) + " on " + tick.host());
    }
    return found.get(0).doubleValue();
  }

  List<Sample> find(String metric, String... labels) {
    Labels subset = Labels.of(labels);
    List<Sample> found = new ArrayList<>();
    for (Sample s : byMetric.getOrDefault(metric, List.of())) {
      if (s.labels().containsAll(subset)) {
        found.add(s);
      }
    }
    return found;
  }

  static Map<String, TickIndex> byHost(List<NodeTick> ticks) {
    Map<String, TickIndex> map = new LinkedHashMap<>();
    for (NodeTick t : ticks) {
      map.put(t.host(), new TickIndex(t));
    }
    return map;
  }
}
