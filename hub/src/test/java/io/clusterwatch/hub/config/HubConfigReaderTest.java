package io.clusterwatch.hub.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.clusterwatch.common.config.ByteSize;
import io.clusterwatch.common.config.ConfigException;
import io.clusterwatch.hub.ServerSettings;
import io.clusterwatch.hub.jobs.StaticJob;
import io.clusterwatch.hub.rules.RulesConfig;
import io.clusterwatch.hub.rules.WebhookConfig;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HubConfigReaderTest {
  /** The shipped files, from the repository root (tests run in hub/). */
  static final Path SHIPPED = Path.of("..", "config", "hub.yaml");

  static final Path CONFIG_MAP = Path.of("..", "config", "k8s", "hub-configmap.yaml");

  private final HubConfigReader reader = new HubConfigReader();

  private HubConfig read(String yaml) {
    return reader.read(yaml.replace("\\n", "\n"), "hub.yaml");
  }

  @Test
  void shippedFileLoadsAndStatesEveryDefault() {
    assertEquals(HubConfig.defaults(), reader.read(SHIPPED));
    assertEquals(HubConfig.defaults(), read(""), "an empty file is every default");
  }

  /** Every key of every section record, found by walking the records as the reader binds them. */
  @Test
  void shippedFileDocumentsEveryKey() throws Exception {
    String text = Files.readString(SHIPPED);
    List<String> keys = new ArrayList<>();
    keysOf(HubConfig.class, "", keys);
    assertTrue(keys.size() > 60, "walked every section: " + keys);
    for (String path : keys) {
      String key = path.substring(path.lastIndexOf('.') + 1);
      // A key set in the file, or shown in a commented example (list entries).
      Pattern written = Pattern.compile("(?m)^\\s*(#\\s*)?(- )?" + Pattern.quote(key) + ":");
      assertTrue(written.matcher(text).find(), path + " in " + SHIPPED);
    }
  }

  private static void keysOf(Class<?> record, String prefix, List<String> out) {
    for (RecordComponent c : record.getRecordComponents()) {
      JsonProperty named = c.getAccessor().getAnnotation(JsonProperty.class);
      String key = named != null ? named.value() : snake(c.getName());
      String path = prefix.isEmpty() ? key : prefix + "." + key;
      out.add(path);
      Class<?> type = c.getType();
      if (type.isRecord() && type.getPackageName().startsWith("io.clusterwatch.hub")) {
        keysOf(type, path, out);
      } else if (List.class.isAssignableFrom(type)) {
        Class<?> element =
            (Class<?>) ((ParameterizedType) c.getGenericType()).getActualTypeArguments()[0];
        if (element.isRecord()) {
          keysOf(element, path + "[]", out);
        }
      }
    }
  }

  private static String snake(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
  }

  @Test
  void kubernetesConfigMapPassesTheStrictReaderAndSpellsOutTheDefaultRules() throws Exception {
    JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(CONFIG_MAP.toFile());
    HubConfig c = reader.read(doc.get("data").get("hub.yaml").asText(), CONFIG_MAP.toString());
    assertEquals(RulesConfig.defaults(), c.rules());
    assertEquals(8080, c.server().port());
  }

  @Test
  void valuesOverTheDefaults() {
    HubConfig c =
        read(
            String.join(
                "\n",
                "server: {bind_host: 127.0.0.1, port: 0, instances: 4, max_body: 1MiB}",
                "ingest: {token: s3cret, max_frame: 4096, max_text_message: 2MiB, max_series_per_agent: 100,"
                    + " max_agents: 10, hello_timeout: 500ms}",
                "store:",
                "  path: /var/lib/clusterwatch",
                "  wal_sync: 250ms",
                "  raw_step: 500ms",
                "  retention: {raw: 2h, rollup_10s: 7d, rollup_60s: 365d}",
                "agents: {stale_after_intervals: 5}",
                "gpu: {idle_threshold_ratio: 0.05, memory_held_idle: 512MiB}",
                "jobs:",
                "  max_finished: 50",
                "  static:",
                "    - id: r1",
                "      user: ops",
                "      name: burn-in",
                "      host: gpu-node-01",
                "      gpu_uuids: [GPU-a, GPU-b]",
                "      start: 2026-01-31T08:00:00Z",
                "      attributes: {partition: maintenance}",
                "    - {id: r2, host: gpu-node-02}",
                "live: {tick: 10ms, cluster_interval: 2s, max_write_queue: 64KiB, max_clients: 3, max_message: 8KiB}",
                "rules:",
                "  evaluation_interval: 30s",
                "  idle: {low_util_for: 2m}",
                "  hints: {for: 1m}",
                "  webhooks:",
                "    - url: http://hooks.example.org/gpu",
                "      groups: [health, hint]",
                "      max_attempts: 3",
                ""));
    assertEquals(new ServerSettings("127.0.0.1", 0, 4, ByteSize.ofMiB(1), null), c.server());
    assertEquals("s3cret", c.ingest().token());
    assertEquals(new ByteSize(4096), c.ingest().maxFrame());
    assertEquals(ByteSize.ofMiB(2), c.ingest().maxTextMessage());
    assertEquals(100, c.ingest().maxSeriesPerAgent());
    assertEquals(10, c.ingest().maxAgents());
    assertEquals(Duration.ofMillis(500), c.ingest().helloTimeout());
    assertEquals("/var/lib/clusterwatch", c.store().path());
    assertEquals(Duration.ofMillis(250), c.store().walSync());
    assertEquals(Duration.ofMillis(500), c.store().rawStep());
    assertEquals(Duration.ofHours(2), c.store().retention().raw());
    assertEquals(Duration.ofDays(7), c.store().retention().rollup10s());
    assertEquals(Duration.ofDays(365), c.store().retention().rollup60s());
    assertEquals(5, c.agents().staleAfterIntervals());
    assertEquals(0.05, c.gpu().idleThresholdRatio());
    assertEquals(ByteSize.ofMiB(512), c.gpu().memoryHeldIdle());
    assertEquals(50, c.jobs().maxFinished());
    assertEquals(
        List.of(
            new StaticJob(
                "r1",
                "ops",
                "burn-in",
                "gpu-node-01",
                List.of("GPU-a", "GPU-b"),
                Instant.parse("2026-01-31T08:00:00Z"),
                Map.of("partition", "maintenance")),
            new StaticJob("r2", "", "", "gpu-node-02", List.of(), null, Map.of())),
        c.jobs().staticJobs());
    assertEquals(Duration.ofMillis(10), c.live().tick());
    assertEquals(Duration.ofSeconds(2), c.live().clusterInterval());
    assertEquals(ByteSize.ofKiB(64), c.live().maxWriteQueue());
    assertEquals(3, c.live().maxClients());
    assertEquals(ByteSize.ofKiB(8), c.live().maxMessage());
    assertEquals(Duration.ofSeconds(30), c.rules().evaluationInterval());
    assertEquals(Duration.ofMinutes(2), c.rules().idle().lowUtilFor());
    assertEquals(
        Duration.ofMinutes(5), c.rules().idle().noProcessFor(), "unset keys keep their defaults");
    assertEquals(Duration.ofMinutes(1), c.rules().hints().holdFor(), "hints.for");
    assertEquals(
        new WebhookConfig(
            URI.create("http://hooks.example.org/gpu"),
            Set.of("health", "hint"),
            Duration.ofSeconds(5),
            3,
            Duration.ofSeconds(1),
            Duration.ofSeconds(60),
            1000),
        c.rules().webhooks().get(0));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // unknown keys, with the keys the section knows
        "servers: {} | hub.yaml: servers: unknown key (known keys here: agents, auth, gpu, history, ingest, jobs, live, metrics, remote_write, roles, rules, server, store)",
        "server: {prot: 80} | hub.yaml: server.prot: unknown key (known keys here: bind_host, instances, max_body, port, tls)",
        "live: {tik: 5ms} | hub.yaml: live.tik: unknown key (known keys here: cluster_interval, max_clients, max_message, max_write_queue, tick)",
        "store: {retention: {raw_1s: 1h}} | hub.yaml: store.retention.raw_1s: unknown key (known keys here: raw, rollup_10s, rollup_60s)",
        "jobs: {static: [{id: x, host: h, gpus: [a]}]} | hub.yaml: jobs.static[0].gpus: unknown key (known keys here: attributes, gpu_uuids, host, id, name, start, user)",
        "rules: {idle: {no_proces_for: 5m}} | hub.yaml: rules.idle.no_proces_for: unknown key (known keys here: low_util_for, low_util_max_ratio, mean_util_below_ratio, mean_util_window, min_runtime, no_process_for)",
        "rules: {hints: {hold_for: 1m}} | hub.yaml: rules.hints.hold_for: unknown key (known keys here: cpu_core_saturated_ratio, disk_busy_ratio, for, gpu_idle_below_ratio, ib_near_line_rate_ratio, iowait_ratio, window)",
        "rules: {webhooks: [{url: 'http://x/y', retries: 3}]} | hub.yaml: rules.webhooks[0].retries: unknown key (known keys here: backoff_initial, backoff_max, groups, max_attempts, queue_capacity, timeout, url)",
        // keys of earlier releases
        "server: {max_body_bytes: 65536} | hub.yaml: server.max_body_bytes: this key was renamed: write server.max_body (a byte size, e.g. 64KiB) instead",
        "ingest: {hello_timeout_ms: 10000} | hub.yaml: ingest.hello_timeout_ms: this key was renamed: write ingest.hello_timeout (a duration, e.g. 10s) instead",
        "ingest: {max_frame_bytes: 1048576} | hub.yaml: ingest.max_frame_bytes: this key was renamed: write ingest.max_frame (a byte size, e.g. 1MiB) instead",
        "store: {raw_retention_seconds: 3600} | hub.yaml: store.raw_retention_seconds: this key was renamed: write store.retention.raw (a duration, e.g. 1h) instead",
        "store: {rollup_60s_retention_seconds: 1} | hub.yaml: store.rollup_60s_retention_seconds: this key was renamed: write store.retention.rollup_60s (a duration, e.g. 14d) instead",
        "store: {wal_sync_ms: 250} | hub.yaml: store.wal_sync_ms: this key was renamed: write store.wal_sync (a duration, e.g. 1s) instead",
        "gpu: {memory_held_idle_bytes: 1} | hub.yaml: gpu.memory_held_idle_bytes: this key was renamed: write gpu.memory_held_idle (a byte size, e.g. 1GiB) instead",
        "jobs: {static: [{id: a, host: h}, {id: b, host: h, start_ms: 0}]} | hub.yaml: jobs.static[1].start_ms: this key was renamed: write jobs.static[].start (a UTC time, e.g. 2026-01-31T08:00:00Z; leave it out for when the hub starts) instead",
        "live: {tick_ms: 50} | hub.yaml: live.tick_ms: this key was renamed: write live.tick (a duration, e.g. 50ms) instead",
        "live: {max_message_bytes: 4096} | hub.yaml: live.max_message_bytes: this key was renamed: write live.max_message (a byte size, e.g. 4KiB) instead",
        // values
        "server: {port: eighty} | hub.yaml: server.port: expected a whole number, got 'eighty'",
        "server: {port: 70000} | hub.yaml: server.port: must be between 0 and 65535, got 70000",
        "server: {instances: 0} | hub.yaml: server.instances: must be between 1 and 256, got 0",
        "server: {max_body: 64KB} | hub.yaml: server.max_body: '64KB' is not a byte size (bytes, or a whole number with KiB, MiB, GiB or TiB: 512KiB, 32MiB); sizes use binary units (KiB, MiB, GiB)",
        "server: [1] | hub.yaml: server: expected a mapping of keys to values",
        "ingest: {max_frame: 32} | hub.yaml: ingest.max_frame: must be between 64 and 1GiB, got 32",
        "ingest: {hello_timeout: 10} | hub.yaml: ingest.hello_timeout: '10' is not a duration (a whole number and a unit: 250ms, 30s, 5m, 2h or 7d)",
        "ingest: {hello_timeout: 2h} | hub.yaml: ingest.hello_timeout: must be between 1ms and 1h, got 2h",
        "store: {raw_step: 3s} | hub.yaml: store.raw_step: must divide 10s (the first rollup step), got 3s",
        "store: {raw_step: 1m} | hub.yaml: store.raw_step: must be between 1ms and 10s, got 1m",
        "store: {retention: {raw: 500ms}} | hub.yaml: store.retention.raw: must be between 1s and 365d, got 500ms",
        "agents: {stale_after_intervals: 0} | hub.yaml: agents.stale_after_intervals: must be between 1 and 1000, got 0",
        "gpu: {idle_threshold_ratio: 5} | hub.yaml: gpu.idle_threshold_ratio: must be a ratio from 0 to 1 (0.05 is 5 %), got 5.0",
        "jobs: {static: [{id: x}]} | hub.yaml: jobs.static[0].host: is required",
        "jobs: {static: [{host: h, start: yesterday}]} | hub.yaml: jobs.static[0].start: 'yesterday' is not a UTC time (2026-01-31T08:00:00Z)",
        "live: {max_clients: 0} | hub.yaml: live.max_clients: must be between 1 and 1000000, got 0",
        "rules: {evaluation_interval: 0s} | hub.yaml: rules.evaluation_interval: must be longer than 0 (a whole number and a unit: 250ms, 30s, 5m, 2h or 7d), got 0s",
        "rules: {health: {xid_window: soon}} | hub.yaml: rules.health.xid_window: 'soon' is not a duration (a whole number and a unit: 250ms, 30s, 5m, 2h or 7d)",
        "rules: {health: {temperature_warning_celsius: hot}} | hub.yaml: rules.health.temperature_warning_celsius: expected a number, got 'hot'",
        "rules: {health: {agent_silent_intervals: 0}} | hub.yaml: rules.health.agent_silent_intervals: must be a positive number, got 0",
        "rules: {idle: {mean_util_below_ratio: 15}} | hub.yaml: rules.idle.mean_util_below_ratio: must be a ratio from 0 to 1 (0.05 is 5 %), got 15.0",
        "rules: {idle: 5} | hub.yaml: rules.idle: expected a mapping of keys to values, got '5'",
        "rules: {webhooks: [{groups: [health]}]} | hub.yaml: rules.webhooks[0].url: is required",
        "rules: {webhooks: [{url: 'ftp://x/y'}]} | hub.yaml: rules.webhooks[0].url: expected an http:// or https:// URL with a host, got 'ftp://x/y'",
        "rules: {webhooks: [{url: 'http://x/y', groups: [alerts]}]} | hub.yaml: rules.webhooks[0].groups: expected one of idle, health, hint, got 'alerts'",
        "rules: {webhooks: [{url: 'http://x/y', backoff_initial: 1m, backoff_max: 1s}]} | hub.yaml: rules.webhooks[0].backoff_max: must not be shorter than backoff_initial",
      })
  void everyBadKeyIsOneLineNamingTheFileAndTheKey(String yaml, String message) {
    ConfigException e = assertThrows(ConfigException.class, () -> read(yaml));
    assertEquals(message, e.getMessage());
  }

  @Test
  void aKeyWrittenTwiceIsAnError() {
    ConfigException e =
        assertThrows(ConfigException.class, () -> read("live:\n  tick: 1s\n  tick: 2s\n"));
    assertEquals("hub.yaml: not valid YAML at line 3: Duplicate field 'tick'", e.getMessage());
  }
}
