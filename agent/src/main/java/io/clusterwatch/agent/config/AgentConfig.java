package io.clusterwatch.agent.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.clusterwatch.agent.expose.MetricsSettings;
import io.clusterwatch.agent.jobs.JobSettings;
import io.clusterwatch.agent.ship.HubSettings;
import io.clusterwatch.common.config.Checks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The agent's configuration file (every key documented in {@code config/agent.yaml}), with the
 * command-line flags laid over it. Each part's section is a record in that part's package; the
 * sections under {@code collectors} are read by {@link
 * io.clusterwatch.agent.collect.CollectorRegistry#configure} into each collector's own record.
 *
 * @param interval sampling interval ({@code interval}, default 1s, at least 100ms; {@code
 *     --interval})
 * @param hostname node name sent to the hub; empty means the machine's own ({@code hostname})
 * @param procfs root of procfs ({@code procfs}, default /proc; {@code --procfs})
 * @param sysfs root of sysfs ({@code sysfs}, default /sys; {@code --sysfs})
 * @param collectors {@code collectors.<name>}, one section per registered collector
 * @param metrics the local Prometheus endpoint ({@code metrics})
 * @param hub streaming to the hub ({@code hub})
 * @param jobs job discovery: Slurm, Kubernetes, the spool directory, static jobs ({@code jobs})
 */
public record AgentConfig(
    Duration interval,
    String hostname,
    Path procfs,
    Path sysfs,
    Map<String, JsonNode> collectors,
    MetricsSettings metrics,
    HubSettings hub,
    JobSettings jobs) {
  /** Collectors and the hub are sized for ticks of 100 ms or more. */
  public static final Duration MIN_INTERVAL = Duration.ofMillis(100);

  public AgentConfig {
    interval =
        Checks.atLeast(
            "interval", Objects.requireNonNullElse(interval, Duration.ofSeconds(1)), MIN_INTERVAL);
    hostname = Objects.requireNonNullElse(hostname, "");
    procfs = Objects.requireNonNullElse(procfs, Path.of("/proc"));
    sysfs = Objects.requireNonNullElse(sysfs, Path.of("/sys"));
    collectors = Map.copyOf(Objects.requireNonNullElse(collectors, Map.of()));
    metrics = Objects.requireNonNullElse(metrics, MetricsSettings.defaults());
    hub = Objects.requireNonNullElse(hub, HubSettings.defaults());
    jobs = Objects.requireNonNullElse(jobs, JobSettings.defaults());
  }

  /** Every default: 1 s, real /proc and /sys, every collector on, /metrics on :9477, no hub. */
  public static AgentConfig defaults() {
    return new AgentConfig(null, null, null, null, null, null, null, null);
  }
}
