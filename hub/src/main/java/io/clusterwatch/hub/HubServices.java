package io.clusterwatch.hub;

import io.clusterwatch.hub.agentauth.AgentCredentials;
import io.clusterwatch.hub.agents.AgentRegistry;
import io.clusterwatch.hub.alerts.AlertMeters;
import io.clusterwatch.hub.alerts.AlertService;
import io.clusterwatch.hub.archive.ArchiveException;
import io.clusterwatch.hub.archive.JobArchive;
import io.clusterwatch.hub.archive.JobArchiver;
import io.clusterwatch.hub.archive.JobPages;
import io.clusterwatch.hub.archive.JobReports;
import io.clusterwatch.hub.auth.AccessControl;
import io.clusterwatch.hub.auth.LoginMethods;
import io.clusterwatch.hub.auth.LoginServices;
import io.clusterwatch.hub.cluster.ClusterView;
import io.clusterwatch.hub.cluster.GpuIdleTracker;
import io.clusterwatch.hub.cluster.GpuStates;
import io.clusterwatch.hub.cluster.NodeLayouts;
import io.clusterwatch.hub.config.HubConfig;
import io.clusterwatch.hub.jobs.JobRegistry;
import io.clusterwatch.hub.jobs.JobSeries;
import io.clusterwatch.hub.jobs.JobSummaries;
import io.clusterwatch.hub.jobs.StaticJobs;
import io.clusterwatch.hub.live.LiveClients;
import io.clusterwatch.hub.metrics.BearerToken;
import io.clusterwatch.hub.metrics.ClusterCollector;
import io.clusterwatch.hub.metrics.HubMeters;
import io.clusterwatch.hub.reload.ReloadMeters;
import io.clusterwatch.hub.remotewrite.RemoteWrite;
import io.clusterwatch.hub.rules.Webhook;
import io.clusterwatch.hub.rules.WebhookConfig;
import io.clusterwatch.hub.store.SampleStore;
import io.clusterwatch.hub.tls.ServerTls;
import io.clusterwatch.hub.wal.DurableLog;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the hub's verticles share, wired once by constructor injection: the store, the
 * registries, the views over them, the meters, the hub-wide count of /live clients and who may see
 * what.
 *
 * <p>{@code tls} is null when the port serves plain HTTP; {@code credentials} says which agent
 * token may claim which host.
 */
public record HubServices(
    HubConfig config,
    Clock clock,
    SampleStore store,
    AgentRegistry agents,
    JobRegistry jobs,
    GpuIdleTracker idle,
    NodeLayouts layouts,
    ClusterView cluster,
    JobSeries jobSeries,
    JobSummaries jobSummaries,
    HubMeters meters,
    PrometheusMeterRegistry prometheus,
    AlertService alerts,
    LiveClients liveClients,
    DurableLog log,
    RemoteWrite remoteWrite,
    JobReports reports,
    JobArchiver archive,
    JobPages jobPages,
    LoginServices login,
    AccessControl access,
    ServerTls tls,
    AgentCredentials credentials) {
  private static final System.Logger LOG = System.getLogger(HubServices.class.getName());

  /** The job archive's file in the data directory. */
  public static final String ARCHIVE_FILE = "jobs.sqlite";

  /** Services of a memory-only hub: nothing is logged, every acknowledgement is immediate. */
  public static HubServices create(
      HubConfig config, Clock clock, SampleStore store, PrometheusMeterRegistry prometheus) {
    return create(config, clock, store, prometheus, DurableLog.none());
  }

  /**
   * Wires the services around {@code store}, loading the static jobs of the configuration; ingest
   * appends to {@code log} before it acknowledges.
   */
  public static HubServices create(
      HubConfig config,
      Clock clock,
      SampleStore storage,
      PrometheusMeterRegistry prometheus,
      DurableLog log) {
    // First: a login or token problem is a configuration error before anything is opened.
    LoginServices login = LoginServices.create(config.auth(), clock, prometheus);
    AccessControl access = access(config, login);
    AgentRegistry agents =
        new AgentRegistry(
            clock, config.agents().staleAfterIntervals(), config.ingest().maxAgents());
    JobRegistry jobs = new JobRegistry(config.jobs().maxFinished());
    RemoteWrite remoteWrite = new RemoteWrite(config, jobs, prometheus, clock, log);
    // without a data directory, every tick stored through this store is queued for remote write
    SampleStore store = remoteWrite.wrap(storage);
    HubMeters meters = new HubMeters(prometheus, agents, store);
    // Before the static jobs and the log's replay: both feed the registry, and may conflict.
    jobs.onConflict(
        conflict -> {
          LOG.log(Level.WARNING, conflict.describe());
          meters.jobConflict();
        });
    StaticJobs.apply(config.jobs().staticJobs(), jobs, clock.millis());
    GpuIdleTracker idle = new GpuIdleTracker(config.gpu().idleThresholdRatio());
    NodeLayouts layouts = new NodeLayouts(store, agents);
    GpuStates states = new GpuStates(store, jobs, idle, config.gpu().memoryHeldIdle().bytes());
    AlertService alerts = alerts(config, clock, store, agents, layouts, jobs, prometheus);
    ClusterView cluster = new ClusterView(store, agents, layouts, states, clock, alerts);
    prometheus.getPrometheusRegistry().register(new ClusterCollector(cluster, agents));
    JobSummaries summaries = new JobSummaries(store, clock, config.gpu().idleThresholdRatio());
    JobReports reports =
        new JobReports(store, alerts.history(), clock, config.rules().idle().lowUtilMaxRatio());
    // A job's last frames arrive within the agents' stale limit of its end.
    long settleMs = config.store().rawStep().toMillis() * config.agents().staleAfterIntervals();
    JobArchiver archive =
        new JobArchiver(JobArchive.open(archiveFile(config)), reports, jobs::get, settleMs);
    jobs.onFinished(archive::finished);
    ReloadMeters reloads = new ReloadMeters(prometheus);
    TlsSettings tlsSettings = config.server().tls();
    ServerTls tls = tlsSettings == null ? null : ServerTls.load(tlsSettings, reloads);
    AgentCredentials credentials = AgentCredentials.load(config.ingest(), reloads);
    return new HubServices(
        config,
        clock,
        store,
        agents,
        jobs,
        idle,
        layouts,
        cluster,
        new JobSeries(store),
        summaries,
        meters,
        prometheus,
        alerts,
        new LiveClients(config.live().maxClients()),
        log,
        remoteWrite,
        reports,
        archive,
        new JobPages(jobs, archive, summaries, reports),
        login,
        access,
        tls,
        credentials);
  }

  /** Who may see what; warns when a hub without logins listens beyond this machine. */
  private static AccessControl access(HubConfig config, LoginServices login) {
    String tokenFile = config.metrics().bearerTokenFile();
    AccessControl access =
        new AccessControl(
            config.auth().loginMode(),
            LoginMethods.requestIdentity(config.auth(), login.sessions().identity()),
            config.roles(),
            tokenFile == null ? null : BearerToken.read(Path.of(tokenFile)));
    access
        .openWarning(config.server().bindHost())
        .ifPresent(warning -> LOG.log(Level.WARNING, warning));
    return access;
  }

  /** {@code <data dir>/jobs.sqlite}, or null (in memory) without a data directory. */
  private static Path archiveFile(HubConfig config) {
    String dir = config.store().path();
    if (dir.isEmpty()) {
      LOG.log(
          Level.WARNING,
          "no data directory (store.path or --data): the job archive is in memory,"
              + " finished jobs will not survive a restart");
      return null;
    }
    Path file = Path.of(dir).resolve(ARCHIVE_FILE);
    try {
      Files.createDirectories(file.getParent());
    } catch (IOException e) {
      throw new ArchiveException("cannot create the data directory " + dir + ": " + e, e);
    }
    LOG.log(Level.INFO, "job archive: " + file);
    return file;
  }

  private static AlertService alerts(
      HubConfig config,
      Clock clock,
      SampleStore store,
      AgentRegistry agents,
      NodeLayouts layouts,
      JobRegistry jobs,
      PrometheusMeterRegistry prometheus) {
    AlertMeters meters = new AlertMeters(prometheus);
    List<Webhook> webhooks = new ArrayList<>();
    // Verticles: AlertService.start deploys them on the hub's Vert.x.
    for (WebhookConfig w : config.rules().webhooks()) {
      webhooks.add(new Webhook(w, meters::delivery));
    }
    // A value older than the agents' stale limit is no evidence for a rule.
    Duration staleAfter =
        config.store().rawStep().multipliedBy(config.agents().staleAfterIntervals());
    return new AlertService(
        config.rules(), clock, store, agents, layouts, jobs, staleAfter, webhooks, meters);
  }
}
