package io.clusterwatch.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.agent.collect.CollectorRegistry;
import io.clusterwatch.agent.collect.DefaultCollectors;
import io.clusterwatch.agent.expose.MetricsSettings;
import io.clusterwatch.agent.gpu.GpuSettings;
import io.clusterwatch.common.config.ConfigException;
import io.clusterwatch.common.config.FlagOverrides;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Flags as edits of the configuration tree: laid over the file, checked as the key, named as the
 * flag.
 */
class AgentCommandFlagsTest {
  private final AgentConfigReader reader = new AgentConfigReader();
  private final CollectorRegistry registry = new CollectorRegistry(DefaultCollectors.factories());

  private AgentConfigReader.Configured bind(String yaml, FlagOverrides flags) {
    try {
      return reader.bind(
          flags.applyTo(
              new io.clusterwatch.common.config.ConfigReader(AgentConfigReader.RENAMED)
                  .tree(yaml, "agent.yaml")),
          "agent.yaml",
          registry);
    } catch (ConfigException e) {
      throw flags.attribute(e);
    }
  }

  @Test
  void flagsOverrideTheFileKeyByKey() {
    FlagOverrides flags =
        new FlagOverrides()
            .set("--procfs", "procfs", "/f/proc")
            .set("--gpu", "collectors.gpu.backend", "nvml")
            .set("--gpu", "collectors.gpu.enabled", true)
            .set("--nvml-lib", "collectors.gpu.nvml_library", "/tmp/libnvidia-ml.so")
            .set("--hub", "hub.url", "ws://hub:8080/ingest")
            .set("--interval", "interval", "2s")
            .set("--listen", "metrics.host", "127.0.0.1")
            .set("--listen", "metrics.port", 0);
    AgentConfigReader.Configured c =
        bind(
            "interval: 5s\nhub:\n  token: t\ncollectors:\n  gpu:\n    enabled: false\n    call_timeout: 3s\n",
            flags);
    assertEquals(Path.of("/f/proc"), c.config().procfs());
    assertEquals(Duration.ofSeconds(2), c.config().interval());
    assertEquals("ws://hub:8080/ingest", c.config().hub().url());
    assertEquals(
        "t", c.config().hub().token(), "keys the flags do not touch stay as the file has them");
    assertEquals(new MetricsSettings(true, "127.0.0.1", 0), c.config().metrics());
    GpuSettings gpu = c.collector("gpu", GpuSettings.class);
    assertEquals("nvml", gpu.backend());
    assertTrue(gpu.enabled(), "--gpu nvml switches the collector back on");
    assertEquals(Path.of("/tmp/libnvidia-ml.so"), gpu.nvmlLibrary());
    assertEquals(Duration.ofSeconds(3), gpu.callTimeout());
  }

  @Test
  void noFlagsNoFileIsTheDefaults() {
    AgentConfigReader.Configured c = bind("", new FlagOverrides());
    assertEquals(AgentConfig.defaults(), c.config());
    assertNull(c.collector("gpu", GpuSettings.class).nvmlLibrary());
    assertFalse(
        bind("", new FlagOverrides().set("--no-metrics", "metrics.enabled", false))
            .config()
            .metrics()
            .enabled());
  }

  @Test
  void aBadFlagValueIsNamedByTheFlag() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> bind("", new FlagOverrides().set("--hub", "hub.url", "localhost")));
    assertEquals(
        "--hub: expected a WebSocket URL like ws://hub:8080/ingest, got 'localhost'",
        e.getMessage());
    ConfigException interval =
        assertThrows(
            ConfigException.class,
            () -> bind("", new FlagOverrides().set("--interval", "interval", "10ms")));
    assertEquals("--interval: must be at least 100ms, got 10ms", interval.getMessage());
  }
}
