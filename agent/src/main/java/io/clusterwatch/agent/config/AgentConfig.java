package io.clusterwatch.agent.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The agent's validated configuration: defaults, overridden by the YAML file ({@code --config}),
 * overridden by command-line flags. Every key is documented in {@code config/agent.yaml}.
 *
 * @param interval sampling interval ({@code interval})
 * @param hostname node name sent to the hub; empty means the machine's own ({@code hostname})
 * @param procfs root of procfs ({@code procfs}, {@code --procfs})
 * @param sysfs root of sysfs ({@code sysfs}, {@code --sysfs})
 * @param cpu {@code collectors.cpu}
 * @param memory {@code collectors.memory}
 * @param disk {@code collectors.disk}
 * @param network {@code collectors.network}
 * @param infiniband {@code collectors.infiniband}
 * @param gpu {@code collectors.gpu}
 * @param metrics the local Prometheus endpoint ({@code metrics})
 * @param hub streaming to the hub ({@code hub})
 * @param staticJobs jobs declared in config for labs without a scheduler ({@code jobs.static})
 * @param jobs job discovery: Slurm, Kubernetes, the spool directory ({@code jobs})
 */
public record AgentConfig(
    Duration interval,
    String hostname,
    Path procfs,
    Path sysfs,
    Toggle cpu,
    Toggle memory,
    DeviceFilter disk,
    DeviceFilter network,
    Toggle infiniband,
    GpuSettings gpu,
    MetricsSettings metrics,
    HubSettings hub,
    List<StaticJob> staticJobs,
    JobSettings jobs) {
  public AgentConfig {
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(jobs, "jobs");
    staticJobs = List.copyOf(staticJobs);
  }

  /** Defaults: 1 s, real /proc and /sys, every collector on, /metrics on :9477, no hub. */
  public static AgentConfig defaults() {
    return new AgentConfig(
        Duration.ofSeconds(1),
        "",
        Path.of("/proc"),
        Path.of("/sys"),
        new Toggle(true),
        new Toggle(true),
        DeviceFilter.diskDefaults(),
        DeviceFilter.networkDefaults(),
        new Toggle(true),
        GpuSettings.defaults(),
        MetricsSettings.defaults(),
        HubSettings.defaults(),
        List.of(),
        JobSettings.defaults());
  }

  /** A collector that has no settings besides {@code enabled}. */
  public record Toggle(boolean enabled) {}
}
