package io.clusterwatch.agent.config;

import java.nio.file.Path;
import java.time.Duration;

/** Copies of a configuration with one setting changed, one method per command-line flag. */
final class ConfigOverrides {
  private ConfigOverrides() {}

  static AgentConfig interval(AgentConfig c, Duration interval) {
    return new AgentConfig(interval, c.hostname(), c.procfs(), c.sysfs(), c.cpu(), c.memory(),
        c.disk(), c.network(), c.infiniband(), c.gpu(), c.metrics(), c.hub(), c.staticJobs(), c.jobs());
  }

  static AgentConfig hostname(AgentConfig c, String hostname) {
    return new AgentConfig(c.interval(), hostname, c.procfs(), c.sysfs(), c.cpu(), c.memory(),
        c.disk(), c.network(), c.infiniband(), c.gpu(), c.metrics(), c.hub(), c.staticJobs(), c.jobs());
  }

  static AgentConfig procfs(AgentConfig c, Path procfs) {
    return new AgentConfig(c.interval(), c.hostname(), procfs, c.sysfs(), c.cpu(), c.memory(),
        c.disk(), c.network(), c.infiniband(), c.gpu(), c.metrics(), c.hub(), c.staticJobs(), c.jobs());
  }

  static AgentConfig sysfs(AgentConfig c, Path sysfs) {
    return new AgentConfig(c.interval(), c.hostname(), c.procfs(), sysfs, c.cpu(), c.memory(),
        c.disk(), c.network(), c.infiniband(), c.gpu(), c.metrics(), c.hub(), c.staticJobs(), c.jobs());
  }

  /** {@code --gpu none} switches the GPU collector off; any other backend switches it on. */
  static AgentConfig gpuBackend(AgentConfig c, String backend) {
    GpuSettings g = c.gpu();
    return gpu(c, new GpuSettings(!backend.equals("none"), backend, g.nvmlLibrary(), g.nvidiaSmi(),
        g.callTimeout(), g.processInterval()));
  }

  static AgentConfig nvmlLibrary(AgentConfig c, Path lib) {
    GpuSettings g = c.gpu();
    return gpu(c, new GpuSettings(g.enabled(), g.backend(), lib, g.nvidiaSmi(), g.callTimeout(),
        g.processInterval()));
  }

  static AgentConfig nvidiaSmi(AgentConfig c, String smi) {
    GpuSettings g = c.gpu();
    return gpu(c, new GpuSettings(g.enabled(), g.backend(), g.nvmlLibrary(), smi, g.callTimeout(),
        g.processInterval()));
  }

  private static AgentConfig gpu(AgentConfig c, GpuSettings gpu) {
    return new AgentConfig(c.interval(), c.hostname(), c.procfs(), c.sysfs(), c.cpu(), c.memory(),
        c.disk(), c.network(), c.infiniband(), gpu, c.metrics(), c.hub(), c.staticJobs(), c.jobs());
  }

  static AgentConfig hubUrl(AgentConfig c, String url) {
    HubSettings h = c.hub();
    HubSettings hub = new HubSettings(url, h.token(), h.agentId(), h.bufferFrames(),
        h.bufferBytes(), h.backoffInitial(), h.backoffMax(), h.connectTimeout());
    return new AgentConfig(c.interval(), c.hostname(), c.procfs(), c.sysfs(), c.cpu(), c.memory(),
        c.disk(), c.network(), c.infiniband(), c.gpu(), c.metrics(), hub, c.staticJobs(), c.jobs());
  }

  static AgentConfig listen(AgentConfig c, String host, int port) {
    return metrics(c, new MetricsSettings(true, host, port));
  }

  static AgentConfig metricsOff(AgentConfig c) {
    MetricsSettings m = c.metrics();
    return metrics(c, new MetricsSettings(false, m.host(), m.port()));
  }

  private static AgentConfig metrics(AgentConfig c, MetricsSettings metrics) {
    return new AgentConfig(c.interval(), c.hostname(), c.procfs(), c.sysfs(), c.cpu(), c.memory(),
        c.disk(), c.network(), c.infiniband(), c.gpu(), metrics, c.hub(), c.staticJobs(), c.jobs());
  }
}
