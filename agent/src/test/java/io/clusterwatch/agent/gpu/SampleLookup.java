package io.clusterwatch.agent.gpu;

import io.clusterwatch.protocol.Sample;
import java.util.List;
import java.util.Optional;

/** Finds samples by metric and labels in a collected list. */
public final class SampleLookup {
  private final List<Sample> samples;

  public SampleLookup(List<Sample> samples) {
    this.samples = samples;
  }

  /** The sample of {@code metric} whose labels include every given name/value pair. */
  public Optional<Sample> find(String metric, String... labels) {
    return samples.stream()
        .filter(s -> s.metric().equals(metric))
        .filter(s -> s.labels().containsAll(io.clusterwatch.protocol.Labels.of(labels)))
        .findFirst();
  }

  /** Its value in base units; fails when absent. */
  public double value(String metric, String... labels) {
    return find(metric, labels)
        .orElseThrow(() -> new AssertionError("no " + metric + " " + String.join(",", labels)))
        .doubleValue();
  }

  public boolean has(String metric, String... labels) {
    return find(metric, labels).isPresent();
  }

  public long count(String metric) {
    return samples.stream().filter(s -> s.metric().equals(metric)).count();
  }
}
