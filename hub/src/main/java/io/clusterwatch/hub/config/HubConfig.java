package io.clusterwatch.hub.config;

import io.clusterwatch.hub.history.HistorySettings;
import io.clusterwatch.hub.remotewrite.RemoteWriteSettings;
import io.clusterwatch.hub.rules.RulesConfig;
import java.util.List;
import java.util.Map;

/**
 * The hub's whole configuration, read from {@code config/hub.yaml} (every key documented there).
 *
 * @param server where the one HTTP port listens
 * @param ingest limits and authentication of the agent WebSocket
 * @param store retention of each store tier
 * @param agents when an agent counts as stale
 * @param gpu rules that turn GPU values into states
 * @param jobs the job registry and the static job mapping
 * @param live the browser WebSocket
 * @param rules alert rule thresholds, evaluation interval and webhooks (docs/RULES.md)
 * @param remoteWrite endpoints that take every stored sample by Prometheus remote write
 * @param history the database read back for ranges older than the store holds, or null for none
 */
public record HubConfig(
    ServerConfig server,
    IngestConfig ingest,
    StoreSettings store,
    AgentsConfig agents,
    GpuRulesConfig gpu,
    JobsConfig jobs,
    LiveConfig live,
    RulesConfig rules,
    List<RemoteWriteSettings> remoteWrite,
    HistorySettings history) {

  public HubConfig {
    remoteWrite = remoteWrite == null ? List.of() : List.copyOf(remoteWrite);
  }

  /** A configuration without history read back. */
  public HubConfig(ServerConfig server, IngestConfig ingest, StoreSettings store, AgentsConfig agents,
      GpuRulesConfig gpu, JobsConfig jobs, LiveConfig live, RulesConfig rules, List<RemoteWriteSettings> remoteWrite) {
    this(server, ingest, store, agents, gpu, jobs, live, rules, remoteWrite, null);
  }

  /** A configuration without remote write. */
  public HubConfig(ServerConfig server, IngestConfig ingest, StoreSettings store, AgentsConfig agents,
      GpuRulesConfig gpu, JobsConfig jobs, LiveConfig live, RulesConfig rules) {
    this(server, ingest, store, agents, gpu, jobs, live, rules, List.of());
  }

  /** A configuration with the default rules. */
  public HubConfig(ServerConfig server, IngestConfig ingest, StoreSettings store, AgentsConfig agents,
      GpuRulesConfig gpu, JobsConfig jobs, LiveConfig live) {
    this(server, ingest, store, agents, gpu, jobs, live, RulesConfig.defaults());
  }

  /** Every default, as documented in config/hub.yaml. */
  public static HubConfig defaults() {
    return new HubConfig(
        new ServerConfig("0.0.0.0", 8080, 1, 65536),
        new IngestConfig("", 1 << 20, 8 << 20, 20_000, 10_000, 10_000),
        new StoreSettings(1000, 3600, 86_400, 1_209_600),
        new AgentsConfig(3),
        new GpuRulesConfig(0.01, 1L << 30),
        new JobsConfig(10_000, List.of()),
        new LiveConfig(50, 1000, 1 << 20, 1000, 4096));
  }

  /** A copy listening on another port. */
  public HubConfig withPort(int port) {
    return new HubConfig(
        new ServerConfig(server.bindHost(), port, server.instances(), server.maxBodyBytes()),
        ingest, store, agents, gpu, jobs, live, rules, remoteWrite, history);
  }

  /** A copy keeping its data in {@code dataPath} (the --data flag; empty: none). */
  public HubConfig withDataPath(String dataPath) {
    return new HubConfig(server, ingest, store.withPath(dataPath), agents, gpu, jobs, live, rules, remoteWrite, history);
  }

  /** A copy with other rules. */
  public HubConfig withRules(RulesConfig newRules) {
    return new HubConfig(server, ingest, store, agents, gpu, jobs, live, newRules, remoteWrite, history);
  }

  /** A copy with other remote write endpoints. */
  public HubConfig withRemoteWrite(List<RemoteWriteSettings> endpoints) {
    return new HubConfig(server, ingest, store, agents, gpu, jobs, live, rules, endpoints, history);
  }

  /** A copy reading history back from {@code settings} (null: none). */
  public HubConfig withHistory(HistorySettings settings) {
    return new HubConfig(server, ingest, store, agents, gpu, jobs, live, rules, remoteWrite, settings);
  }

  /** A copy with other store settings. */
  public HubConfig withStore(StoreSettings settings) {
    return new HubConfig(server, ingest, settings, agents, gpu, jobs, live, rules, remoteWrite, history);
  }

  /**
   * @param bindHost address to bind, {@code 0.0.0.0} for all
   * @param port TCP port for HTTP, /ingest, /live and /metrics (0 picks a free one)
   * @param instances HTTP verticle instances (event loops serving connections)
   * @param maxBodyBytes largest HTTP request body accepted
   */
  public record ServerConfig(String bindHost, int port, int instances, long maxBodyBytes) {}

  /**
   * @param token shared secret every agent's hello must carry; empty: no check
   * @param maxFrameBytes largest binary data frame accepted
   * @param maxTextMessageBytes largest JSON text message (hello with its series table)
   * @param maxSeriesPerAgent largest series table accepted
   * @param maxAgents most distinct hosts the hub keeps
   * @param helloTimeoutMs how long a new connection may wait before its hello
   */
  public record IngestConfig(
      String token,
      int maxFrameBytes,
      int maxTextMessageBytes,
      int maxSeriesPerAgent,
      int maxAgents,
      long helloTimeoutMs) {}

  /**
   * @param rawStepMs the raw tier's step: the agents' sampling interval
   * @param rawRetentionSeconds how long raw values are kept
   * @param rollup10sRetentionSeconds how long 10 s min/avg/max rollups are kept
   * @param rollup60sRetentionSeconds how long 60 s min/avg/max rollups are kept
   * @param path the data directory (write-ahead log and job archive); empty: memory only, nothing survives a
   *     restart
   * @param walSyncMs longest wait between two fsyncs of the write-ahead log (group commit)
   */
  public record StoreSettings(long rawStepMs, long rawRetentionSeconds,
      long rollup10sRetentionSeconds, long rollup60sRetentionSeconds, String path, long walSyncMs) {
    public static final long DEFAULT_WAL_SYNC_MS = 1000;

    /** Settings of a memory-only store. */
    public StoreSettings(long rawStepMs, long rawRetentionSeconds, long rollup10sRetentionSeconds,
        long rollup60sRetentionSeconds) {
      this(rawStepMs, rawRetentionSeconds, rollup10sRetentionSeconds, rollup60sRetentionSeconds, "",
          DEFAULT_WAL_SYNC_MS);
    }

    /** A copy keeping its data in {@code dataPath}. */
    public StoreSettings withPath(String dataPath) {
      return new StoreSettings(rawStepMs, rawRetentionSeconds, rollup10sRetentionSeconds,
          rollup60sRetentionSeconds, dataPath, walSyncMs);
    }
  }

  /** @param staleAfterIntervals an agent with no frame for this many of its intervals is stale */
  public record AgentsConfig(int staleAfterIntervals) {}

  /**
   * @param idleThresholdRatio utilisation at or under this (0..1) counts as idle
   * @param memoryHeldIdleBytes memory used above this at zero utilisation sets memory_held_idle
   */
  public record GpuRulesConfig(double idleThresholdRatio, long memoryHeldIdleBytes) {}

  /**
   * @param maxFinished finished jobs kept; the oldest are forgotten first
   * @param staticJobs jobs mapped in configuration rather than reported by agents
   */
  public record JobsConfig(int maxFinished, List<StaticJob> staticJobs) {}

  /** One static job allocation: a job holding GPUs of one host from {@code startMs} on. */
  public record StaticJob(
      String id,
      String user,
      String name,
      String host,
      List<String> gpuUuids,
      long startMs,
      Map<String, String> attributes) {
    public StaticJob {
      gpuUuids = List.copyOf(gpuUuids);
      attributes = Map.copyOf(attributes);
    }
  }

  /**
   * @param tickMs how often the hub looks for new data to push
   * @param clusterIntervalMs the cluster view (the whole cluster body) is pushed at most this often
   * @param maxWriteQueueBytes a client with more than this unsent skips ticks
   * @param maxClients most concurrent /live connections
   * @param maxMessageBytes largest message a browser may send
   */
  public record LiveConfig(
      long tickMs, long clusterIntervalMs, int maxWriteQueueBytes, int maxClients,
      int maxMessageBytes) {}
}
