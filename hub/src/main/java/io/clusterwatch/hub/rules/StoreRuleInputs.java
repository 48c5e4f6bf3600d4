package io.clusterwatch.hub.rules;

import io.clusterwatch.hub.store.LatestValue;
import io.clusterwatch.hub.store.SampleStore;
import io.clusterwatch.hub.store.WindowSums;
import io.clusterwatch.protocol.SeriesKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Supplier;

/**
 * {@link RuleInputs} over the hub's {@link SampleStore} (series, latest values, windowed means and
 * increases from its tiers), its ingest's {@link HostStatus}, and the job registry's running jobs.
 * A latest value older than {@code staleAfter} before {@code now} counts as absent, so a silent
 * agent's last temperature does not keep an alert firing. One instance serves one evaluation.
 */
public final class StoreRuleInputs implements RuleInputs {
  /**
   * Points per series asked of the store for a window: fine enough that the mean is the raw one.
   */
  static final int WINDOW_POINTS = 4000;

  private final SampleStore store;
  private final HostStatus status;
  private final Supplier<List<RunningJob>> jobs;
  private final Instant now;
  private final Duration staleAfter;
  private final SeriesByMetric series;

  /** Inputs that read each host's series list afresh. */
  public StoreRuleInputs(
      SampleStore store,
      HostStatus status,
      Supplier<List<RunningJob>> jobs,
      Instant now,
      Duration staleAfter) {
    this(store, new SeriesByMetric(store), status, jobs, now, staleAfter);
  }

  /** Inputs that take each host's series by metric from {@code series}, kept across passes. */
  public StoreRuleInputs(
      SampleStore store,
      SeriesByMetric series,
      HostStatus status,
      Supplier<List<RunningJob>> jobs,
      Instant now,
      Duration staleAfter) {
    this.store = store;
    this.series = series;
    this.status = status;
    this.jobs = jobs;
    this.now = now;
    this.staleAfter = staleAfter;
  }

  @Override
  public List<String> hosts() {
    return store.hosts();
  }

  /**
   * The label sets of each metric of a host, read from the store only when its series changed: the
   * rules ask for them per GPU and metric, and a host has hundreds of series.
   */
  @Override
  public List<Map<String, String>> series(String host, String metric) {
    return series.series(host, metric);
  }

  private Optional<LatestValue> fresh(String host, String metric, Map<String, String> labels) {
    return store
        .latest(host, new SeriesKey(metric, LabelsView.labelsOf(labels)))
        .filter(v -> v.timestampMs() >= now.minus(staleAfter).toEpochMilli());
  }

  @Override
  public OptionalDouble latest(String host, String metric, Map<String, String> labels) {
    return fresh(host, metric, labels)
        .filter(v -> !Double.isNaN(v.value()))
        .map(v -> OptionalDouble.of(v.value()))
        .orElse(OptionalDouble.empty());
  }

  @Override
  public OptionalDouble counterValue(String host, String metric, Map<String, String> labels) {
    return fresh(host, metric, labels)
        .filter(v -> !Double.isNaN(v.rawCounter()))
        .map(v -> OptionalDouble.of(v.rawCounter()))
        .orElse(OptionalDouble.empty());
  }

  /** What the stored points of exactly this series in the window add up to. */
  private Optional<WindowSums> sums(
      String host, String metric, Map<String, String> labels, Instant from, Instant to) {
    return store.sums(
        host,
        new SeriesKey(metric, LabelsView.labelsOf(labels)),
        from.toEpochMilli(),
        to.toEpochMilli(),
        WINDOW_POINTS);
  }

  @Override
  public OptionalDouble mean(
      String host, String metric, Map<String, String> labels, Instant from, Instant to) {
    return sums(host, metric, labels, from, to)
        .map(WindowSums::mean)
        .orElse(OptionalDouble.empty());
  }

  /** Sum of rate times step over the points after {@code from}: gaps (NaN) add nothing. */
  @Override
  public OptionalDouble increase(
      String host, String metric, Map<String, String> labels, Instant from, Instant to) {
    return sums(host, metric, labels, from, to)
        .map(WindowSums::increase)
        .orElse(OptionalDouble.empty());
  }

  @Override
  public Optional<Instant> lastSeen(String host) {
    return status.lastSeen(host);
  }

  @Override
  public Duration sampleInterval(String host) {
    return status.sampleInterval(host);
  }

  @Override
  public int visibleGpuCount(String host) {
    return status.visibleGpuCount(host);
  }

  @Override
  public int expectedGpuCount(String host) {
    return status.expectedGpuCount(host);
  }

  @Override
  public List<RunningJob> runningJobs() {
    return jobs.get();
  }
}
