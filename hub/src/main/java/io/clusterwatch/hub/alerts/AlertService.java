package io.clusterwatch.hub.alerts;

import io.clusterwatch.hub.agents.AgentRegistry;
import io.clusterwatch.hub.cluster.NodeLayouts;
import io.clusterwatch.hub.jobs.JobRegistry;
import io.clusterwatch.hub.rules.Alert;
import io.clusterwatch.hub.rules.AlertState;
import io.clusterwatch.hub.rules.HostStatus;
import io.clusterwatch.hub.rules.RuleEngine;
import io.clusterwatch.hub.rules.RulesConfig;
import io.clusterwatch.hub.rules.SeriesByMetric;
import io.clusterwatch.hub.rules.StandardRules;
import io.clusterwatch.hub.rules.StoreRuleInputs;
import io.clusterwatch.hub.rules.Webhook;
import io.clusterwatch.hub.store.SampleStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs the rules: every {@code rules.evaluation_interval} on a worker thread (an evaluation reads
 * the store for every GPU, which takes longer than an event loop may be held), with the time from
 * the injected clock. Keeps the latest alert list for the API and live views, a history of state
 * changes for job pages, and hands changes to the webhooks (verticles deployed when the service
 * starts, which queue and never block).
 */
public final class AlertService {
  private static final Logger LOG = System.getLogger(AlertService.class.getName());

  /** Events kept per host and per job; hosts and jobs remembered. */
  private static final int EVENTS_PER_KEY = 500;

  private static final int EVENT_KEYS = 20_000;

  private final RulesConfig config;
  private final Clock clock;
  private final SampleStore store;
  private final HostStatus hostStatus;
  private final JobRegistry jobs;
  private final RuleEngine engine;
  private final Duration staleAfter;
  private final List<Webhook> webhooks;
  private final AlertMeters meters;
  private final AlertHistory history = new AlertHistory(EVENTS_PER_KEY, EVENT_KEYS);
  private final AtomicLong generation = new AtomicLong();
  private final SeriesByMetric seriesByMetric;
  private final AtomicBoolean running = new AtomicBoolean();
  private volatile List<Alert> current = List.of();
  private volatile long timerId = -1;
  private final List<String> webhookDeployments = new CopyOnWriteArrayList<>();

  /**
   * @param staleAfter a latest value older than this counts as absent (the agents' stale limit)
   */
  public AlertService(
      RulesConfig config,
      Clock clock,
      SampleStore store,
      AgentRegistry agents,
      NodeLayouts layouts,
      JobRegistry jobs,
      Duration staleAfter,
      List<Webhook> webhooks,
      AlertMeters meters) {
    this.config = config;
    this.clock = clock;
    this.store = store;
    this.seriesByMetric = new SeriesByMetric(store);
    this.hostStatus = new AgentHostStatus(agents, layouts, store);
    this.jobs = jobs;
    this.engine = new RuleEngine(StandardRules.create(config), config.resolvedRetention());
    this.staleAfter = staleAfter;
    this.webhooks = List.copyOf(webhooks);
    this.meters = meters;
  }

  /** Deploys the webhooks, then starts the periodic evaluation. */
  public Future<Void> start(Vertx vertx) {
    List<Future<String>> deployed = new ArrayList<>();
    for (Webhook w : webhooks) {
      deployed.add(vertx.deployVerticle(w).onSuccess(webhookDeployments::add));
    }
    return Future.all(deployed)
        .<Void>mapEmpty()
        .onSuccess(
            v ->
                timerId =
                    vertx.setPeriodic(
                        config.evaluationInterval().toMillis(),
                        t -> {
                          if (running.compareAndSet(false, true)) {
                            evaluate(vertx).onComplete(r -> running.set(false));
                          }
                        }));
  }

  /** Stops the periodic evaluation and undeploys the webhooks. */
  public Future<Void> stop(Vertx vertx) {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
    }
    List<Future<Void>> stopped = new ArrayList<>();
    for (String id : webhookDeployments) {
      stopped.add(vertx.undeploy(id));
    }
    webhookDeployments.clear();
    return Future.all(stopped).mapEmpty();
  }

  /** One evaluation at the clock's time, off the event loop; completes with the state changes. */
  public Future<List<Alert>> evaluate(Vertx vertx) {
    Instant now = clock.instant();
    return vertx.executeBlocking(() -> evaluateAt(now), true);
  }

  /** One evaluation at {@code now} on the calling thread. */
  public synchronized List<Alert> evaluateAt(Instant now) {
    long started = System.nanoTime();
    List<Alert> changes;
    try {
      StoreRuleInputs inputs =
          new StoreRuleInputs(
              store, seriesByMetric, hostStatus, () -> RunningJobs.of(jobs), now, staleAfter);
      seriesByMetric.retain(inputs.hosts());
      changes = engine.evaluate(inputs, now);
    } finally {
      meters.evaluated(System.nanoTime() - started);
    }
    current = engine.alerts();
    meters.alerts(current);
    if (!changes.isEmpty()) {
      history.record(changes);
      generation.incrementAndGet();
      for (Webhook w : webhooks) {
        w.submit(changes);
      }
      for (Alert a : changes) {
        LOG.log(
            a.state() == AlertState.FIRING ? Level.INFO : Level.DEBUG,
            "alert " + a.rule() + " " + a.state().wireName() + " " + a.labels());
      }
    }
    return changes;
  }

  /** Pending, firing and recently resolved alerts as of the last evaluation. */
  public List<Alert> alerts() {
    return current;
  }

  /** Grows whenever an evaluation changed an alert's state. */
  public long generation() {
    return generation.get();
  }

  public AlertHistory history() {
    return history;
  }

  /** Firing alerts of the groups that page people (health and idle), for the cluster counts. */
  public int firingCount() {
    int n = 0;
    for (Alert a : current) {
      if (a.state() == AlertState.FIRING
          && (a.group().equals("health") || a.group().equals("idle"))) {
        n++;
      }
    }
    return n;
  }
}
