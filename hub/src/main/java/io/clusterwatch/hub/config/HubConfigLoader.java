package io.clusterwatch.hub.config;

import io.clusterwatch.hub.config.HubConfig.AgentsConfig;
import io.clusterwatch.hub.config.HubConfig.GpuRulesConfig;
import io.clusterwatch.hub.config.HubConfig.IngestConfig;
import io.clusterwatch.hub.config.HubConfig.JobsConfig;
import io.clusterwatch.hub.config.HubConfig.LiveConfig;
import io.clusterwatch.hub.config.HubConfig.ServerConfig;
import io.clusterwatch.hub.config.HubConfig.StaticJob;
import io.clusterwatch.hub.config.HubConfig.StoreSettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clusterwatch.common.config.ConfigReader;
import io.clusterwatch.common.config.RenamedKeys;
import io.clusterwatch.hub.history.HistorySettings;
import io.clusterwatch.hub.remotewrite.RemoteWriteSettings;
import io.clusterwatch.hub.rules.RulesConfig;
import io.clusterwatch.hub.rules.RulesConfigParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads {@code hub.yaml}. Strict: an unknown key, a wrong type or a value out of range is a
 * {@link ConfigException} naming the key. Absent keys take the defaults of
 * {@link HubConfig#defaults()}.
 */
public final class HubConfigLoader {
  private static final long DAY_S = 86_400;

  public HubConfig load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException("cannot read " + file + ": " + e.getMessage(), e);
    }
    try {
      return parse(text);
    } catch (ConfigException e) {
      throw new ConfigException(file + ": " + e.getMessage(), e);
    }
  }

  public HubConfig parse(String yamlText) {
    Object doc;
    try {
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(false);
      doc = new Yaml(new SafeConstructor(options)).load(yamlText);
    } catch (YAMLException e) {
      throw new ConfigException("invalid YAML: " + e.getMessage(), e);
    }
    HubConfig d = HubConfig.defaults();
    YamlSection root = new YamlSection("", doc);
    HubConfig config =
        new HubConfig(
            server(root.section("server"), d.server()),
            ingest(root.section("ingest"), d.ingest()),
            store(root.section("store"), d.store()),
            agents(root.section("agents"), d.agents()),
            gpu(root.section("gpu"), d.gpu()),
            jobs(root.section("jobs"), d.jobs()),
            live(root.section("live"), d.live()),
            rules(root.value("rules")),
            remoteWrite(root.value("remote_write")),
            history(root.value("history")));
    root.finish();
    return config;
  }

  private static ServerConfig server(YamlSection s, ServerConfig d) {
    ServerConfig c =
        new ServerConfig(
            s.string("bind_host", d.bindHost()),
            s.intValue("port", d.port(), 0, 65535),
            s.intValue("instances", d.instances(), 1, 256),
            s.longValue("max_body_bytes", d.maxBodyBytes(), 0, 1L << 30));
    s.finish();
    return c;
  }

  private static IngestConfig ingest(YamlSection s, IngestConfig d) {
    IngestConfig c =
        new IngestConfig(
            s.string("token", d.token()),
            s.intValue("max_frame_bytes", d.maxFrameBytes(), 64, 1 << 30),
            s.intValue("max_text_message_bytes", d.maxTextMessageBytes(), 1024, 1 << 30),
            s.intValue("max_series_per_agent", d.maxSeriesPerAgent(), 1, 10_000_000),
            s.intValue("max_agents", d.maxAgents(), 1, 10_000_000),
            s.longValue("hello_timeout_ms", d.helloTimeoutMs(), 1, 3_600_000));
    s.finish();
    return c;
  }

  private static StoreSettings store(YamlSection s, StoreSettings d) {
    StoreSettings c =
        new StoreSettings(
            s.longValue("raw_step_ms", d.rawStepMs(), 1, 10_000),
            s.longValue("raw_retention_seconds", d.rawRetentionSeconds(), 60, 365 * DAY_S),
            s.longValue("rollup_10s_retention_seconds", d.rollup10sRetentionSeconds(), 60, 365 * DAY_S),
            s.longValue("rollup_60s_retention_seconds", d.rollup60sRetentionSeconds(), 60, 3650 * DAY_S),
            s.string("path", d.path()),
            s.longValue("wal_sync_ms", d.walSyncMs(), 1, 60_000));
    if (10_000 % c.rawStepMs() != 0) {
      throw new ConfigException("'store.raw_step_ms' must divide 10000 (the first rollup step), got "
          + c.rawStepMs());
    }
    s.finish();
    return c;
  }

  private static AgentsConfig agents(YamlSection s, AgentsConfig d) {
    AgentsConfig c = new AgentsConfig(s.intValue("stale_after_intervals", d.staleAfterIntervals(), 1, 1000));
    s.finish();
    return c;
  }

  private static GpuRulesConfig gpu(YamlSection s, GpuRulesConfig d) {
    GpuRulesConfig c =
        new GpuRulesConfig(
            s.doubleValue("idle_threshold_ratio", d.idleThresholdRatio(), 0.0, 1.0),
            s.longValue("memory_held_idle_bytes", d.memoryHeldIdleBytes(), 0, Long.MAX_VALUE));
    s.finish();
    return c;
  }

  private static JobsConfig jobs(YamlSection s, JobsConfig d) {
    int maxFinished = s.intValue("max_finished", d.maxFinished(), 0, 10_000_000);
    List<StaticJob> jobs = new ArrayList<>();
    for (YamlSection j : s.sections("static")) {
      String id = j.string("id", "");
      String host = j.string("host", "");
      if (id.isEmpty() || host.isEmpty()) {
        throw new ConfigException("every entry of 'jobs.static' needs an id and a host");
      }
      jobs.add(
          new StaticJob(
              id,
              j.string("user", ""),
              j.string("name", ""),
              host,
              j.strings("gpu_uuids"),
              j.longValue("start_ms", 0, 0, Long.MAX_VALUE),
              j.stringMap("attributes")));
      j.finish();
    }
    s.finish();
    return new JobsConfig(maxFinished, jobs);
  }

  /** The rules section, read by the rules package's own strict parser. */
  private static RulesConfig rules(Object node) {
    try {
      return RulesConfigParser.parse(node);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage(), e);
    }
  }

  /** The {@code remote_write} key alone, so that error paths read {@code remote_write[0].url}. */
  private record RemoteWriteSection(List<RemoteWriteSettings> remoteWrite) {
    List<RemoteWriteSettings> endpoints() {
      return remoteWrite == null ? List.of() : remoteWrite;
    }
  }

  /** {@code remote_write}: a list of records read by the shared configuration reader. */
  private static List<RemoteWriteSettings> remoteWrite(Object node) {
    if (node == null) {
      return List.of();
    }
    ObjectMapper mapper = new ObjectMapper();
    JsonNode tree = mapper.createObjectNode().set("remote_write", mapper.valueToTree(node));
    try {
      return new ConfigReader(RenamedKeys.none()).convert(tree, "", RemoteWriteSection.class).endpoints();
    } catch (io.clusterwatch.common.config.ConfigException e) {
      throw new ConfigException(e.getMessage(), e);
    }
  }

  /** The {@code history} key alone, so that error paths read {@code history.promql_url}. */
  private record HistorySection(HistorySettings history) {}

  /** {@code history}: one record read by the shared configuration reader; null when absent. */
  private static HistorySettings history(Object node) {
    if (node == null) {
      return null;
    }
    ObjectMapper mapper = new ObjectMapper();
    JsonNode tree = mapper.createObjectNode().set("history", mapper.valueToTree(node));
    try {
      return new ConfigReader(RenamedKeys.none()).convert(tree, "", HistorySection.class).history();
    } catch (io.clusterwatch.common.config.ConfigException e) {
      throw new ConfigException(e.getMessage(), e);
    }
  }

  private static LiveConfig live(YamlSection s, LiveConfig d) {
    LiveConfig c =
        new LiveConfig(
            s.longValue("tick_ms", d.tickMs(), 1, 60_000),
            s.longValue("cluster_interval_ms", d.clusterIntervalMs(), 1, 600_000),
            s.intValue("max_write_queue_bytes", d.maxWriteQueueBytes(), 1024, 1 << 30),
            s.intValue("max_clients", d.maxClients(), 1, 1_000_000),
            s.intValue("max_message_bytes", d.maxMessageBytes(), 64, 1 << 20));
    s.finish();
    return c;
  }
}
