package io.clusterwatch.hub.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HubConfigLoaderTest {
  /** The shipped file, from the repository root (tests run in hub/). */
  static final Path SHIPPED = Path.of("..", "config", "hub.yaml");

  private final HubConfigLoader loader = new HubConfigLoader();

  @Test
  void shippedFileLoadsAndStatesEveryDefault() {
    assertEquals(HubConfig.defaults(), loader.load(SHIPPED));
  }

  @Test
  void shippedFileDocumentsEveryKey() throws Exception {
    String text = Files.readString(SHIPPED);
    for (String key : new String[] {"bind_host", "port", "instances", "max_body_bytes", "token",
        "max_frame_bytes", "max_text_message_bytes", "max_series_per_agent", "max_agents",
        "hello_timeout_ms", "raw_step_ms", "raw_retention_seconds", "rollup_10s_retention_seconds",
        "rollup_60s_retention_seconds", "stale_after_intervals", "idle_threshold_ratio",
        "memory_held_idle_bytes", "max_finished", "static", "tick_ms", "cluster_interval_ms",
        "max_write_queue_bytes", "max_clients", "max_message_bytes", "evaluation_interval",
        "resolved_retention", "webhooks"}) {
      assertTrue(text.contains("\n  " + key + ":"), key);
    }
    for (String key : new String[] {"no_process_for", "low_util_max_ratio", "low_util_for", "mean_util_window",
        "mean_util_below_ratio", "min_runtime", "temperature_critical_celsius", "temperature_critical_for",
        "temperature_warning_celsius", "temperature_warning_for", "throttle_for", "disk_busy_ratio",
        "disk_busy_for", "agent_silent_intervals", "xid_window", "error_counter_window", "gpu_idle_below_ratio",
        "cpu_core_saturated_ratio", "iowait_ratio", "ib_near_line_rate_ratio", "window", "for"}) {
      assertTrue(text.contains("\n    " + key + ":"), "rules." + key);
    }
    for (String key : new String[] {"url", "groups", "timeout", "max_attempts", "backoff_initial", "backoff_max",
        "queue_capacity"}) {
      assertTrue(text.contains("#   " + key + ":"), "rules.webhooks[]." + key);
    }
  }

  @Test
  void rulesAndWebhooksAreRead() {
    HubConfig c = loader.parse(String.join("\n",
        "rules:",
        "  evaluation_interval: 30s",
        "  idle:",
        "    low_util_for: 2m",
        "  webhooks:",
        "    - url: \"http://hooks.example.org/gpu\"",
        "      groups: [health, hint]",
        "      max_attempts: 3",
        ""));
    assertEquals(java.time.Duration.ofSeconds(30), c.rules().evaluationInterval());
    assertEquals(java.time.Duration.ofMinutes(2), c.rules().idle().lowUtilFor());
    assertEquals(java.time.Duration.ofMinutes(5), c.rules().idle().noProcessFor(), "unset keys keep defaults");
    io.clusterwatch.hub.rules.WebhookConfig w = c.rules().webhooks().get(0);
    assertEquals("http://hooks.example.org/gpu", w.url().toString());
    assertEquals(java.util.Set.of("health", "hint"), w.groups());
    assertEquals(3, w.maxAttempts());
  }

  @Test
  void staticJobsAreRead() {
    HubConfig c = loader.parse(String.join("\n",
        "jobs:",
        "  static:",
        "    - id: \"r1\"",
        "      user: ops",
        "      name: burn-in",
        "      host: gpu-node-01",
        "      gpu_uuids: [GPU-a, GPU-b]",
        "      start_ms: 1764072000000",
        "      attributes: {partition: maintenance}",
        ""));
    HubConfig.StaticJob j = c.jobs().staticJobs().get(0);
    assertEquals(new HubConfig.StaticJob("r1", "ops", "burn-in", "gpu-node-01", List.of("GPU-a", "GPU-b"),
        1_764_072_000_000L, Map.of("partition", "maintenance")), j);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "server:\\n  prot: 80|unknown key 'server.prot'",
      "servers: {}|unknown key 'servers'",
      "server:\\n  port: eighty|'server.port' must be an integer",
      "server:\\n  port: 70000|'server.port' must be between 0 and 65535",
      "gpu:\\n  idle_threshold_ratio: 5|'gpu.idle_threshold_ratio' must be between",
      "ingest:\\n  token: 42|'ingest.token' must be a string",
      "jobs:\\n  static:\\n    - id: x\\n      host: h\\n      gpus: [a]|unknown key 'jobs.static[0].gpus'",
      "jobs:\\n  static:\\n    - id: x|needs an id and a host",
      "store:\\n  raw_step_ms: 3000|'store.raw_step_ms' must divide 10000",
      "server: [1]|'server' must be a mapping",
      "a: 1\\na: 2|invalid YAML",
      "rules:\\n  idle:\\n    no_proces_for: 5m|rules.idle: unknown key 'no_proces_for'",
      "rules:\\n  evaluation: 5s|rules: unknown key 'evaluation'",
      "rules:\\n  health:\\n    xid_window: soon|rules.health.xid_window",
      "rules:\\n  webhooks:\\n    - {url: 'http://h/x', groups: [hints]}|unknown rule group 'hints'",
  })
  void badConfigNamesTheKey(String yaml, String message) {
    ConfigException e = assertThrows(ConfigException.class, () -> loader.parse(yaml.replace("\\n", "\n")));
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }
}
