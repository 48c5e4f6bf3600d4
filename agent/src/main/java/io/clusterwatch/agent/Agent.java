package io.clusterwatch.agent;

import io.clusterwatch.agent.collect.Collector;
import io.clusterwatch.agent.collect.CollectorRunner;
import io.clusterwatch.agent.config.AgentConfig;
import io.clusterwatch.agent.config.HubSettings;
import io.clusterwatch.agent.expose.LatestTickCollector;
import io.clusterwatch.agent.expose.MetricsServer;
import io.clusterwatch.agent.expose.SnapshotMapper;
import io.clusterwatch.agent.host.HostFacts;
import io.clusterwatch.agent.jobs.StaticJobSource;
import io.clusterwatch.agent.ship.Shipper;
import io.clusterwatch.agent.ship.ShipperOptions;
import io.clusterwatch.agent.ship.ShipperStats;
import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.Sample;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The running agent: collectors ticking on their own thread, {@code /metrics} serving the latest
 * tick, and the shipper streaming every tick to the hub (each when configured).
 */
final class Agent implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Agent.class.getName());

  private final ScheduledExecutorService collectThread;
  private final ScheduledExecutorService shipThread;
  private final CollectorRunner runner;
  private final MetricsServer metrics;
  private final Shipper shipper;

  private Agent(ScheduledExecutorService collectThread, ScheduledExecutorService shipThread,
      CollectorRunner runner, MetricsServer metrics, Shipper shipper) {
    this.collectThread = collectThread;
    this.shipThread = shipThread;
    this.runner = runner;
    this.metrics = metrics;
    this.shipper = shipper;
  }

  static Agent start(AgentConfig config, HostFacts facts, List<Collector> collectors, Clock clock)
      throws IOException {
    ScheduledExecutorService collectThread = Executors.newSingleThreadScheduledExecutor(
        r -> new Thread(r, "collect"));
    CollectorRunner runner = new CollectorRunner(
        collectors, clock, System::nanoTime, collectThread, config.interval(), LOG);
    MetricsServer metrics = null;
    ScheduledExecutorService shipThread = null;
    Shipper shipper = null;
    try {
      if (config.metrics().enabled()) {
        LatestTickCollector latest = new LatestTickCollector(new SnapshotMapper(facts.hostname()));
        runner.addListener(latest);
        metrics = MetricsServer.start(config.metrics().host(), config.metrics().port(), latest);
        LOG.log(System.Logger.Level.INFO, "serving /metrics on {0}:{1,number,#}",
            config.metrics().host(), metrics.port());
      }
      HubSettings hub = config.hub();
      if (hub.enabled()) {
        shipThread = Executors.newSingleThreadScheduledExecutor(r -> {
          Thread t = new Thread(r, "ship");
          t.setDaemon(true);
          return t;
        });
        ShipperOptions options = new ShipperOptions(
            URI.create(hub.url()), hub.token(), facts.hostname(), facts.agentId(hub.agentId()),
            facts.bootId(), config.interval(), facts.attributes(), hub.bufferFrames(),
            hub.bufferBytes(), hub.backoffInitial(), hub.backoffMax(), hub.connectTimeout(),
            AgentVersion.get());
        HttpClient http = HubClients.forHub(URI.create(hub.url()), hub.connectTimeout());
        Shipper s = new Shipper(options, http, shipThread, clock);
        shipper = s;
        if (!config.staticJobs().isEmpty()) {
          StaticJobSource jobs = new StaticJobSource(config.staticJobs(), clock.millis());
          runner.addListener(jobs);
          s.setJobSnapshotSupplier(jobs);
        }
        runner.addSampleSource(() -> shipperSamples(s.stats()));
        runner.addListener(tick -> s.submit(tick.timestampMs(), tick.samples()));
        s.start();
        LOG.log(System.Logger.Level.INFO, "streaming to {0} as agent {1}", hub.url(),
            options.agentId());
      }
    } catch (IOException | RuntimeException e) {
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
    return new Agent(collectThread, shipThread, runner, metrics, shipper);
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

  /** Stops ticking, lets a running tick finish (NVML calls stay bounded by their watchdog), then closes. */
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
