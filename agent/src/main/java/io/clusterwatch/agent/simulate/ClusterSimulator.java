package io.clusterwatch.agent.simulate;

import io.clusterwatch.agent.ship.HubSettings;
import io.clusterwatch.agent.ship.Shipper;
import io.clusterwatch.agent.ship.ShipperOptions;
import io.clusterwatch.agent.ship.ShipperStats;
import io.clusterwatch.protocol.message.JobEvent;
import io.clusterwatch.protocol.message.JobInfo;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code agent --simulate N}: a {@link ClusterModel} whose nodes each stream through their own
 * {@link Shipper}, exactly as N real agents would. One task on the scheduler ticks the model every
 * interval and hands each node's samples and job events to its shipper; the shippers share the
 * HTTP client and the scheduler for their connections and reconnects.
 */
public final class ClusterSimulator implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ClusterSimulator.class.getName());

  private final SimulatorOptions options;
  private final ScheduledExecutorService scheduler;
  private final Clock clock;
  private final Map<String, Shipper> shippers = new LinkedHashMap<>();
  private final Map<String, AtomicReference<List<JobInfo>>> running = new LinkedHashMap<>();
  private final Object lock = new Object();
  private ClusterModel model;
  private ScheduledFuture<?> ticking;
  private boolean closed;

  public ClusterSimulator(SimulatorOptions options, ScheduledExecutorService scheduler, Clock clock) {
    this.options = options;
    this.scheduler = scheduler;
    this.clock = clock;
  }

  /** Builds the cluster, connects every node to the hub and starts ticking. */
  public void start() {
    synchronized (lock) {
      if (model != null || closed) {
        return;
      }
      long startMs = clock.millis();
      model = new ClusterModel(options.nodes(), options.seed(), startMs);
      for (String host : model.hosts()) {
        AtomicReference<List<JobInfo>> jobs = new AtomicReference<>(model.runningJobs(host));
        running.put(host, jobs);
        Shipper shipper = new Shipper(shipperOptions(host, startMs), scheduler, clock);
        shipper.setJobSnapshotSupplier(jobs::get);
        shippers.put(host, shipper);
      }
      shippers.values().forEach(Shipper::start);
      long period = options.interval().toMillis();
      ticking = scheduler.scheduleAtFixedRate(this::tick, 0, period, TimeUnit.MILLISECONDS);
      LOG.log(System.Logger.Level.INFO, "simulating {0} nodes (seed {1}) streaming to {2}",
          options.nodes(), options.seed(), options.hubUri());
    }
  }

  /** The simulated host names, once started. */
  public List<String> hosts() {
    synchronized (lock) {
      return List.copyOf(shippers.keySet());
    }
  }

  /** Each node's shipper statistics, by host. */
  public Map<String, ShipperStats> stats() {
    synchronized (lock) {
      Map<String, ShipperStats> stats = new LinkedHashMap<>();
      shippers.forEach((host, s) -> stats.put(host, s.stats()));
      return stats;
    }
  }

  private void tick() {
    try {
      synchronized (lock) {
        if (closed) {
          return;
        }
        long now = clock.millis();
        for (NodeTick node : model.tick(now)) {
          Shipper shipper = shippers.get(node.host());
          running.get(node.host()).set(node.runningJobs());
          for (JobEvent event : node.events()) {
            shipper.submitJobEvent(event);
          }
          shipper.submit(now, node.samples());
        }
      }
    } catch (RuntimeException e) {
      // A failed tick must not cancel the schedule: log it and try again next interval.
      LOG.log(System.Logger.Level.ERROR, "simulator tick failed", e);
    }
  }

  private ShipperOptions shipperOptions(String host, long startMs) {
    // A fresh boot id per run: sequence numbers restart at 1, so the agent id must be new too.
    String bootId = UUID.nameUUIDFromBytes(
        (host + "/" + options.seed() + "/" + startMs).getBytes(StandardCharsets.UTF_8)).toString();
    HubSettings hub = options.hub();
    return new ShipperOptions(
        options.hubUri(),
        options.token(),
        host,
        host + "-" + bootId.substring(0, 8),
        bootId,
        options.interval(),
        model.attributes(host),
        hub.bufferFrames(),
        hub.bufferSize().bytes(),
        hub.backoffInitial(),
        hub.backoffMax(),
        hub.connectTimeout(),
        options.agentVersion());
  }

  /** Stops ticking and closes every node's connection. Does not shut the scheduler down. */
  @Override
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      if (ticking != null) {
        ticking.cancel(false);
      }
      shippers.values().forEach(Shipper::close);
    }
  }
}
