package io.clusterwatch.simulator;

import io.clusterwatch.protocol.message.JobEvent;
import io.clusterwatch.protocol.message.JobInfo;
import io.clusterwatch.simulator.cluster.ClusterModel;
import io.clusterwatch.simulator.cluster.NodeTick;
import io.clusterwatch.simulator.connection.ConnectionStats;
import io.clusterwatch.simulator.connection.NodeConnection;
import io.clusterwatch.simulator.connection.NodeIdentity;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * {@code simulate N}: a {@link ClusterModel} whose nodes each stream over their own hub connection,
 * exactly as N real agents would, all on this verticle's event loop: one periodic timer ticks the
 * model and hands each node's samples and job events to its {@link NodeConnection}; the connections
 * share one {@link WebSocketClient}. No thread per node.
 */
public final class ClusterSimulator extends VerticleBase {
  private static final System.Logger LOG = System.getLogger(ClusterSimulator.class.getName());

  /**
   * The hub sends only small control messages (welcome, ack, error); anything larger is refused.
   */
  private static final int MAX_HUB_MESSAGE_BYTES = 1 << 20;

  private final SimulatorOptions options;
  private final Clock clock;
  private final Map<String, NodeConnection> connections = new ConcurrentHashMap<>();
  private final List<String> hosts = new ArrayList<>();
  private final List<Waiter> waiters = new ArrayList<>();
  private final Map<String, List<JobInfo>> running = new LinkedHashMap<>();
  private ClusterModel model;
  private WebSocketClient client;
  private long ticking = -1;

  /**
   * The Vert.x the simulator wants: one event loop, since it never blocks and more would only add
   * threads, and one worker thread, which it never uses.
   */
  public static VertxOptions vertxOptions() {
    return new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1);
  }

  public ClusterSimulator(SimulatorOptions options, Clock clock) {
    this.options = options;
    this.clock = clock;
  }

  /** Builds the cluster, connects every node to the hub and starts ticking. */
  @Override
  public Future<?> start() {
    long startMs = clock.millis();
    model = new ClusterModel(options.nodes(), options.seed(), startMs);
    client =
        vertx.createWebSocketClient(
            options
                .connection()
                .tls()
                .applyTo(new WebSocketClientOptions())
                // Room for every node twice: a connection on its way out must not hold up its
                // successor.
                .setMaxConnections(2 * options.nodes())
                .setConnectTimeout((int) options.connection().connectTimeout().toMillis())
                .setMaxMessageSize(MAX_HUB_MESSAGE_BYTES));
    SplittableRandom random = new SplittableRandom(options.seed());
    synchronized (hosts) {
      hosts.addAll(model.hosts());
    }
    for (String host : model.hosts()) {
      running.put(host, model.runningJobs(host));
      NodeConnection connection =
          new NodeConnection(
              identity(host, startMs),
              options.connection(),
              vertx,
              client,
              clock,
              random.split(),
              () -> running.get(host),
              this::changed);
      connections.put(host, connection);
    }
    connections.values().forEach(NodeConnection::start);
    ticking = vertx.setPeriodic(0, options.interval().toMillis(), id -> tick());
    LOG.log(
        System.Logger.Level.INFO,
        "simulating {0} nodes (seed {1}) streaming to {2}",
        options.nodes(),
        options.seed(),
        options.connection().hubUri());
    return Future.succeededFuture();
  }

  /** Stops ticking and closes every node's connection. */
  @Override
  public Future<?> stop() {
    if (ticking >= 0) {
      vertx.cancelTimer(ticking);
    }
    List<Future<Void>> closing = new ArrayList<>();
    connections.values().forEach(c -> closing.add(c.close()));
    return Future.join(closing).eventually(() -> client.close());
  }

  /** The simulated host names, once started. Safe from any thread. */
  public List<String> hosts() {
    synchronized (hosts) {
      return List.copyOf(hosts);
    }
  }

  /** Each node's connection counters, by host. Safe from any thread. */
  public Map<String, ConnectionStats> stats() {
    Map<String, ConnectionStats> stats = new LinkedHashMap<>();
    for (String host : hosts()) {
      NodeConnection c = connections.get(host);
      if (c != null) {
        stats.put(host, c.stats());
      }
    }
    return stats;
  }

  /**
   * Completes once {@code condition} holds over {@link #stats()}, checked on the event loop after
   * every change; for callers that await a state instead of polling for it.
   */
  public Future<Map<String, ConnectionStats>> when(
      Predicate<Map<String, ConnectionStats>> condition) {
    Promise<Map<String, ConnectionStats>> promise = Promise.promise();
    context.runOnContext(
        v -> {
          waiters.add(new Waiter(condition, promise));
          changed();
        });
    return promise.future();
  }

  private void changed() {
    if (waiters.isEmpty()) {
      return;
    }
    Map<String, ConnectionStats> now = stats();
    waiters.removeIf(
        w -> {
          if (w.condition().test(now)) {
            w.promise().complete(now);
            return true;
          }
          return false;
        });
  }

  private void tick() {
    try {
      long now = clock.millis();
      for (NodeTick node : model.tick(now)) {
        NodeConnection connection = connections.get(node.host());
        running.put(node.host(), node.runningJobs());
        for (JobEvent event : node.events()) {
          connection.submitJobEvent(event);
        }
        connection.submit(now, node.samples());
      }
    } catch (RuntimeException e) {
      // A failed tick must not cancel the timer: log it and try again next interval.
      LOG.log(System.Logger.Level.ERROR, "simulator tick failed", e);
    }
  }

  private NodeIdentity identity(String host, long startMs) {
    // A fresh boot id per run: sequence numbers restart at 1, so the agent id must be new too.
    String bootId =
        UUID.nameUUIDFromBytes(
                (host + "/" + options.seed() + "/" + startMs).getBytes(StandardCharsets.UTF_8))
            .toString();
    return new NodeIdentity(
        host,
        host + "-" + bootId.substring(0, 8),
        bootId,
        options.interval(),
        model.attributes(host),
        options.agentVersion());
  }

  private record Waiter(
      Predicate<Map<String, ConnectionStats>> condition,
      Promise<Map<String, ConnectionStats>> promise) {}
}
