package io.clusterwatch.hub.config;

import io.clusterwatch.hub.ServerSettings;
import io.clusterwatch.hub.agents.AgentsSettings;
import io.clusterwatch.hub.auth.AuthSettings;
import io.clusterwatch.hub.auth.RolesSettings;
import io.clusterwatch.hub.cluster.GpuSettings;
import io.clusterwatch.hub.history.HistorySettings;
import io.clusterwatch.hub.ingest.IngestSettings;
import io.clusterwatch.hub.jobs.JobsSettings;
import io.clusterwatch.hub.live.LiveSettings;
import io.clusterwatch.hub.metrics.MetricsSettings;
import io.clusterwatch.hub.remotewrite.RemoteWriteSettings;
import io.clusterwatch.hub.rules.RulesConfig;
import io.clusterwatch.hub.store.StoreSettings;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The hub's whole configuration, read from {@code config/hub.yaml} (every key documented there) by
 * {@link HubConfigReader}, with the command-line flags laid over it. Each part's section is a
 * record in that part's package; an absent section takes that record's defaults.
 *
 * @param server where the one HTTP port listens ({@code server})
 * @param ingest limits and authentication of the agent WebSocket ({@code ingest})
 * @param store the raw step, the retention of each tier, the data directory ({@code store})
 * @param agents when an agent counts as stale ({@code agents})
 * @param gpu how GPU values become states ({@code gpu})
 * @param jobs the job registry and the static job mapping ({@code jobs})
 * @param live the browser WebSocket ({@code live})
 * @param rules alert rule thresholds, evaluation interval and webhooks, docs/RULES.md ({@code
 *     rules})
 * @param remoteWrite endpoints that take every stored sample by Prometheus remote write ({@code
 *     remote_write}, default none)
 * @param history the database read back for ranges older than the store holds ({@code history},
 *     default absent: null, none)
 * @param auth how dashboard and API users log in ({@code auth}, default mode none)
 * @param roles who sees what once logged in ({@code roles})
 * @param metrics who may read the hub's /metrics ({@code metrics})
 */
public record HubConfig(
    ServerSettings server,
    IngestSettings ingest,
    StoreSettings store,
    AgentsSettings agents,
    GpuSettings gpu,
    JobsSettings jobs,
    LiveSettings live,
    RulesConfig rules,
    List<RemoteWriteSettings> remoteWrite,
    HistorySettings history,
    AuthSettings auth,
    RolesSettings roles,
    MetricsSettings metrics) {
  public HubConfig {
    server = Objects.requireNonNullElse(server, ServerSettings.defaults());
    ingest = Objects.requireNonNullElse(ingest, IngestSettings.defaults());
    store = Objects.requireNonNullElse(store, StoreSettings.defaults());
    agents = Objects.requireNonNullElse(agents, AgentsSettings.defaults());
    gpu = Objects.requireNonNullElse(gpu, GpuSettings.defaults());
    jobs = Objects.requireNonNullElse(jobs, JobsSettings.defaults());
    live = Objects.requireNonNullElse(live, LiveSettings.defaults());
    rules = Objects.requireNonNullElse(rules, RulesConfig.defaults());
    remoteWrite = List.copyOf(Objects.requireNonNullElse(remoteWrite, List.of()));
    auth = Objects.requireNonNullElse(auth, AuthSettings.defaults());
    roles = Objects.requireNonNullElse(roles, RolesSettings.defaults());
    metrics = Objects.requireNonNullElse(metrics, MetricsSettings.defaults());
  }

  /** Every default, as documented in config/hub.yaml. */
  public static HubConfig defaults() {
    return new HubConfig(
        null, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  /** A copy listening on another port (0 picks a free one). */
  public HubConfig withPort(int port) {
    ServerSettings s = server;
    return withServer(new ServerSettings(s.bindHost(), port, s.instances(), s.maxBody(), s.tls()));
  }

  /** A copy keeping its data in {@code path} (empty: memory only). */
  public HubConfig withDataPath(String path) {
    StoreSettings s = store;
    return withStore(
        new StoreSettings(s.rawStep(), s.retention(), path, s.walSync(), s.memoryBudget()));
  }

  /** A copy with other rules. */
  public HubConfig withRules(RulesConfig newRules) {
    return with(c -> c.rules = newRules);
  }

  /** A copy with other remote write endpoints. */
  public HubConfig withRemoteWrite(List<RemoteWriteSettings> endpoints) {
    return with(c -> c.remoteWrite = endpoints);
  }

  /** A copy reading history back from {@code settings} (null: none). */
  public HubConfig withHistory(HistorySettings settings) {
    return with(c -> c.history = settings);
  }

  /** A copy with other store settings. */
  public HubConfig withStore(StoreSettings settings) {
    return with(c -> c.store = settings);
  }

  /** A copy with other server settings (TLS, for instance). */
  public HubConfig withServer(ServerSettings settings) {
    return with(c -> c.server = settings);
  }

  /** A copy with other ingest settings (tokens, for instance). */
  public HubConfig withIngest(IngestSettings settings) {
    return with(c -> c.ingest = settings);
  }

  /** A copy with another login method, other roles and /metrics access. */
  public HubConfig withAuth(
      AuthSettings newAuth, RolesSettings newRoles, MetricsSettings newMetrics) {
    return with(
        c -> {
          c.auth = newAuth;
          c.roles = newRoles;
          c.metrics = newMetrics;
        });
  }

  /** A copy with the sections {@code change} sets; the one place that lists every section. */
  private HubConfig with(Consumer<Sections> change) {
    Sections c = new Sections(this);
    change.accept(c);
    return new HubConfig(
        c.server,
        c.ingest,
        c.store,
        c.agents,
        c.gpu,
        c.jobs,
        c.live,
        c.rules,
        c.remoteWrite,
        c.history,
        c.auth,
        c.roles,
        c.metrics);
  }

  /** The sections of a configuration while a copy of it is being changed. */
  private static final class Sections {
    ServerSettings server;
    IngestSettings ingest;
    StoreSettings store;
    AgentsSettings agents;
    GpuSettings gpu;
    JobsSettings jobs;
    LiveSettings live;
    RulesConfig rules;
    List<RemoteWriteSettings> remoteWrite;
    HistorySettings history;
    AuthSettings auth;
    RolesSettings roles;
    MetricsSettings metrics;

    Sections(HubConfig c) {
      server = c.server;
      ingest = c.ingest;
      store = c.store;
      agents = c.agents;
      gpu = c.gpu;
      jobs = c.jobs;
      live = c.live;
      rules = c.rules;
      remoteWrite = c.remoteWrite;
      history = c.history;
      auth = c.auth;
      roles = c.roles;
      metrics = c.metrics;
    }
  }
}
