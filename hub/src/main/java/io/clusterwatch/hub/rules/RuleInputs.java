package io.clusterwatch.hub.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What rules read: the hub's stored series (by internal metric name and exact label set, as in
 * docs/METRICS.md) and its job registry. Values follow the store's semantics: gauges as they are,
 * counters as per-second rates, NaN or absent where unknown. Implementations answer for the time
 * the engine passes in; none of these methods reads a clock.
 */
public interface RuleInputs {
  /** Hosts that have ever reported. */
  List<String> hosts();

  /** The label sets of a metric's series on a host. */
  List<Map<String, String>> series(String host, String metric);

  /**
   * Newest value of a series not older than the store's staleness limit (gauge, or counter rate).
   */
  OptionalDouble latest(String host, String metric, Map<String, String> labels);

  /** Newest raw value of a counter, in its base unit. */
  OptionalDouble counterValue(String host, String metric, Map<String, String> labels);

  /**
   * Mean of a series over {@code [from, to]} (for counters: the mean rate), empty without points.
   */
  OptionalDouble mean(
      String host, String metric, Map<String, String> labels, Instant from, Instant to);

  /**
   * How much a counter grew over {@code (from, to]} (mean rate times the covered time): growth at
   * exactly {@code from} belongs to the window before.
   */
  OptionalDouble increase(
      String host, String metric, Map<String, String> labels, Instant from, Instant to);

  /** When the host's agent last sent anything. */
  Optional<Instant> lastSeen(String host);

  /** The host's sampling interval as its agent announced it. */
  Duration sampleInterval(String host);

  /** GPUs the host reports now. */
  int visibleGpuCount(String host);

  /** The most GPUs the host has reported since the hub knows it. */
  int expectedGpuCount(String host);

  /** Jobs running now, one entry per job and host. */
  List<RunningJob> runningJobs();
}
