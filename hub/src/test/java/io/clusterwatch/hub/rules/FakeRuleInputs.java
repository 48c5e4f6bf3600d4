package io.clusterwatch.hub.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * Rule inputs held in memory. Each series is a timeline of (time, value); {@code latest} is the
 * newest value, {@code mean} the average of points in {@code [from, to]}, {@code increase} the sum
 * of points in {@code (from, to]} (tests record a counter's growth per tick there).
 */
final class FakeRuleInputs implements RuleInputs {
  private final Map<String, Map<String, Map<Map<String, String>, TreeMap<Instant, Double>>>>
      series = new LinkedHashMap<>();
  private final Map<String, Double> counters = new HashMap<>();
  final Map<String, Instant> lastSeen = new HashMap<>();
  final Map<String, Duration> intervals = new HashMap<>();
  final Map<String, Integer> visibleGpus = new HashMap<>();
  final Map<String, Integer> expectedGpus = new HashMap<>();
  final List<RunningJob> jobs = new ArrayList<>();

  FakeRuleInputs put(String host, String metric, Map<String, String> labels, Instant t, double v) {
    series
        .computeIfAbsent(host, h -> new LinkedHashMap<>())
        .computeIfAbsent(metric, m -> new LinkedHashMap<>())
        .computeIfAbsent(Map.copyOf(labels), l -> new TreeMap<>())
        .put(t, v);
    return this;
  }

  FakeRuleInputs counter(String host, String metric, Map<String, String> labels, double raw) {
    series
        .computeIfAbsent(host, h -> new LinkedHashMap<>())
        .computeIfAbsent(metric, m -> new LinkedHashMap<>())
        .computeIfAbsent(Map.copyOf(labels), l -> new TreeMap<>());
    counters.put(host + metric + labels, raw);
    return this;
  }

  private TreeMap<Instant, Double> timeline(
      String host, String metric, Map<String, String> labels) {
    return series.getOrDefault(host, Map.of()).getOrDefault(metric, Map.of()).get(labels);
  }

  @Override
  public List<String> hosts() {
    List<String> h = new ArrayList<>(series.keySet());
    for (String k : lastSeen.keySet()) {
      if (!h.contains(k)) {
        h.add(k);
      }
    }
    for (String k : expectedGpus.keySet()) {
      if (!h.contains(k)) {
        h.add(k);
      }
    }
    return h;
  }

  @Override
  public List<Map<String, String>> series(String host, String metric) {
    return new ArrayList<>(
        series.getOrDefault(host, Map.of()).getOrDefault(metric, Map.of()).keySet());
  }

  @Override
  public OptionalDouble latest(String host, String metric, Map<String, String> labels) {
    TreeMap<Instant, Double> t = timeline(host, metric, labels);
    return t == null || t.isEmpty()
        ? OptionalDouble.empty()
        : OptionalDouble.of(t.lastEntry().getValue());
  }

  @Override
  public OptionalDouble counterValue(String host, String metric, Map<String, String> labels) {
    Double v = counters.get(host + metric + labels);
    return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
  }

  @Override
  public OptionalDouble mean(
      String host, String metric, Map<String, String> labels, Instant from, Instant to) {
    TreeMap<Instant, Double> t = timeline(host, metric, labels);
    if (t == null) {
      return OptionalDouble.empty();
    }
    return t.subMap(from, true, to, true).values().stream()
        .mapToDouble(Double::doubleValue)
        .average();
  }

  @Override
  public OptionalDouble increase(
      String host, String metric, Map<String, String> labels, Instant from, Instant to) {
    TreeMap<Instant, Double> t = timeline(host, metric, labels);
    if (t == null) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(
        t.subMap(from, false, to, true).values().stream().mapToDouble(Double::doubleValue).sum());
  }

  @Override
  public Optional<Instant> lastSeen(String host) {
    return Optional.ofNullable(lastSeen.get(host));
  }

  @Override
  public Duration sampleInterval(String host) {
    return intervals.getOrDefault(host, Duration.ofSeconds(1));
  }

  @Override
  public int visibleGpuCount(String host) {
    return visibleGpus.getOrDefault(host, 0);
  }

  @Override
  public int expectedGpuCount(String host) {
    return expectedGpus.getOrDefault(host, 0);
  }

  @Override
  public List<RunningJob> runningJobs() {
    return List.copyOf(jobs);
  }
}
