package io.clusterwatch.agent;

import io.clusterwatch.agent.collect.Collector;
import io.clusterwatch.agent.collect.CollectorRunner;
import io.clusterwatch.agent.config.AgentConfig;
import io.clusterwatch.agent.expose.LatestTickExposition;
import io.clusterwatch.agent.expose.MetricsServer;
import io.clusterwatch.agent.expose.TickTextWriter;
import io.clusterwatch.agent.gpu.GpuCollector;
import io.clusterwatch.agent.host.HostFacts;
import io.clusterwatch.agent.host.HostPaths;
import io.clusterwatch.agent.jobs.GpuCollectorView;
import io.clusterwatch.agent.jobs.NodeJobMonitor;
import io.clusterwatch.agent.jobs.staticjobs.StaticJobSnapshot;
import io.clusterwatch.agent.ship.HubSettings;
import io.clusterwatch.agent.ship.HubTls;
import io.clusterwatch.agent.ship.Shipper;
import io.clusterwatch.agent.ship.ShipperOptions;
import io.clusterwatch.agent.ship.ShipperStats;
import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.Sample;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLSocketFactory;

/**
 * The running agent: collectors ticking on their own thread, {@code /metrics} serving the latest
 * tick, and the shipper streaming every tick to the hub (each when configured), with job discovery
 * on its own thread sending job events alongside.
 */
final class Agent implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Agent.class.getName());

  private final ScheduledExecutorService collectThread;
  private final ScheduledExecutorService shipThread;
  private final CollectorRunner runner;
  private final MetricsServer metrics;
  private final Shipper shipper;
  private final Optional<NodeJobMonitor> jobs;

  private Agent(
      ScheduledExecutorService collectThread,
      ScheduledExecutorService shipThread,
      CollectorRunner runner,
      MetricsServer metrics,
      Shipper shipper,
      Optional<NodeJobMonitor> jobs) {
    this.collectThread = collectThread;
    this.shipThread = shipThread;
    this.runner = runner;
    this.metrics = metrics;
    this.shipper = shipper;
    this.jobs = jobs;
  }

  static Agent start(AgentConfig config, HostFacts facts, List<Collector> collectors, Clock clock)
      throws IOException {
    return start(config, facts, collectors, clock, System.getenv("PATH"));
  }

  /**
   * @param pathVariable {@code $PATH}: where job discovery looks for Slurm's commands
   */
  static Agent start(
      AgentConfig config,
      HostFacts facts,
      List<Collector> collectors,
      Clock clock,
      String pathVariable)
      throws IOException {
    ScheduledExecutorService collectThread =
        Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "collect"));
    CollectorRunner runner =
        new CollectorRunner(
            collectors, clock, System::nanoTime, collectThread, config.interval(), LOG);
    MetricsServer metrics = null;
    ScheduledExecutorService shipThread = null;
    Shipper shipper = null;
    Optional<NodeJobMonitor> jobs = Optional.empty();
    try {
      if (config.metrics().enabled()) {
        LatestTickExposition latest =
            new LatestTickExposition(new TickTextWriter(facts.hostname()));
        runner.addListener(latest);
        metrics = MetricsServer.start(config.metrics().host(), config.metrics().port(), latest);
        LOG.log(
            System.Logger.Level.INFO,
            "serving /metrics on {0}:{1,number,#}",
            config.metrics().host(),
            metrics.port());
      }
      HubSettings hub = config.hub();
      if (hub.enabled()) {
        // The files first: a missing token or CA stops the agent before it starts anything.
        String token = HubTls.token(hub);
        SSLSocketFactory tls = HubTls.socketFactory(hub);
        shipThread =
            Executors.newSingleThreadScheduledExecutor(
                r -> {
                  Thread t = new Thread(r, "ship");
                  t.setDaemon(true);
                  return t;
                });
        ShipperOptions options =
            new ShipperOptions(
                URI.create(hub.url()),
                token,
                facts.hostname(),
                facts.agentId(hub.agentId()),
                facts.bootId(),
                config.interval(),
                facts.attributes(),
                hub.bufferFrames(),
                hub.bufferSize().bytes(),
                hub.backoffInitial(),
                hub.backoffMax(),
                hub.connectTimeout(),
                AgentVersion.get(),
                tls);
        Shipper s = new Shipper(options, shipThread, clock);
        shipper = s;
        jobs = startJobs(config, facts, collectors, clock, runner, s, pathVariable);
        if (jobs.isEmpty() && !config.jobs().staticJobs().isEmpty()) {
          StaticJobSnapshot staticJobs =
              new StaticJobSnapshot(config.jobs().staticJobs(), clock.millis());
          runner.addListener(staticJobs);
          s.setJobSnapshotSupplier(staticJobs);
        }
        runner.addSampleSource(() -> shipperSamples(s.stats()));
        runner.addListener(tick -> s.submit(tick.timestampMs(), tick.samples()));
        s.start();
        LOG.log(
            System.Logger.Level.INFO,
            "streaming to {0} as agent {1}",
            hub.url(),
            options.agentId());
      }
    } catch (IOException | RuntimeException e) {
      closeJobs(jobs);
      if (metrics != null) {
        metrics.close();
      }
      runner.close();
      collectThread.shutdownNow();
      if (shipThread != null) {
        shipThread.shutdownNow();
      }
      throw e;
    }
    runner.start();
    return new Agent(collectThread, shipThread, runner, metrics, shipper, jobs);
  }

  /**
   * Job discovery feeding the shipper: events as they happen, the job list after each hello. The
   * GPUs come from the GPU collector's last tick, so the first discovery runs after the first tick.
   */
  private static Optional<NodeJobMonitor> startJobs(
      AgentConfig config,
      HostFacts facts,
      List<Collector> collectors,
      Clock clock,
      CollectorRunner runner,
      Shipper shipper,
      String pathVariable)
      throws IOException {
    GpuCollectorView gpus =
        collectors.stream()
            .filter(c -> c instanceof GpuCollector)
            .map(c -> new GpuCollectorView((GpuCollector) c))
            .findFirst()
            .orElseGet(GpuCollectorView::none);
    Optional<NodeJobMonitor> jobs =
        NodeJobMonitor.start(
            config.jobs(),
            config.jobs().staticJobs(),
            new HostPaths(config.procfs(), config.sysfs()),
            gpus,
            pathVariable,
            facts.hostname(),
            clock,
            shipper::submitJobEvent);
    if (jobs.isPresent()) {
      NodeJobMonitor monitor = jobs.get();
      shipper.setJobSnapshotSupplier(monitor::jobs);
      AtomicBoolean first = new AtomicBoolean(true);
      runner.addListener(
          tick -> {
            if (first.getAndSet(false)) {
              monitor.runSoon();
            }
          });
    }
    return jobs;
  }

  private static void closeJobs(Optional<NodeJobMonitor> jobs) {
    if (jobs.isPresent()) {
      try {
        jobs.get().close();
      } catch (IOException e) {
        LOG.log(System.Logger.Level.WARNING, "closing job discovery: " + e.getMessage());
      }
    }
  }

  /** The shipper's own health, carried in every tick like collector health. */
  private static List<Sample> shipperSamples(ShipperStats stats) {
    return List.of(
        Sample.counter("agent_frames_dropped_total", Labels.EMPTY, stats.framesDropped()),
        Sample.gauge("agent_buffered_frames", Labels.EMPTY, stats.bufferedFrames()),
        Sample.gauge("agent_hub_connected", Labels.EMPTY, stats.connected() ? 1 : 0));
  }

  /** The bound /metrics port, or -1 when /metrics is off. */
  int metricsPort() {
    return metrics == null ? -1 : metrics.port();
  }

  /**
   * Stops ticking, lets a running tick finish (NVML calls stay bounded by their watchdog), then
   * closes.
   */
  @Override
  public void close() {
    collectThread.shutdown();
    try {
      if (!collectThread.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.log(System.Logger.Level.WARNING, "a collection is still running; closing anyway");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    runner.close();
    closeJobs(jobs);
    if (shipper != null) {
      shipper.close();
    }
    if (shipThread != null) {
      shipThread.shutdown();
    }
    if (metrics != null) {
      metrics.close();
    }
  }
}
