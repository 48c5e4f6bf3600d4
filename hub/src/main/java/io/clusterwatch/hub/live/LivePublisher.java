package io.clusterwatch.hub.live;

import io.clusterwatch.hub.HubServices;
import io.clusterwatch.hub.access.AlertVisibility;
import io.clusterwatch.hub.access.ClusterRedaction;
import io.clusterwatch.hub.agents.AgentState;
import io.clusterwatch.hub.cluster.ClusterJson;
import io.vertx.core.Vertx;
import io.vertx.core.json.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pushes /live views. Every {@code live.tick} while a client is connected ({@link LiveTicker}) it
 * looks at each subscribed view once: a node or job view whose hosts sent new frames gets one delta
 * with the new points, built once and sent to every subscriber; the cluster view gets the whole
 * cluster body at most every {@code live.cluster_interval}. Runs on one event loop (the
 * verticle's).
 */
public final class LivePublisher {
  private final HubServices hub;
  private final ViewSeries series;
  private final LiveAlerts alerts;
  private final ClusterRedaction redaction;
  private final List<LiveSession> sessions = new ArrayList<>();

  /** Per view: per host, the agent timestamp up to which points were sent. */
  private final Map<String, Map<String, Long>> watermarks = new HashMap<>();

  private long lastClusterSentMs;
  private final LiveTicker ticker;

  public LivePublisher(HubServices hub) {
    this.hub = hub;
    this.series = new ViewSeries(hub);
    AlertVisibility visibility = new AlertVisibility(hub.jobs());
    this.alerts = new LiveAlerts(hub, visibility);
    this.redaction = new ClusterRedaction(hub.jobs(), hub.alerts(), visibility);
    this.ticker = new LiveTicker(hub.config().live().tick().toMillis(), this::tick);
  }

  /** Ticks on {@code vertx} (on the calling context) while a /live client is connected. */
  public void start(Vertx vertx) {
    ticker.start(vertx);
  }

  public void stop(Vertx vertx) {
    ticker.stop();
  }

  void add(LiveSession s) {
    sessions.add(s);
    ticker.clientOpened();
  }

  void remove(LiveSession s) {
    if (sessions.remove(s)) {
      ticker.clientClosed();
    }
    forgetUnusedViews();
  }

  /** Subscribes {@code s} to {@code view} and sends its snapshot; false for an unknown view. */
  boolean subscribe(LiveSession s, LiveView view) {
    long now = hub.clock().millis();
    Object data;
    if (view.kind() == LiveView.Kind.CLUSTER) {
      data = redaction.redact(hub.cluster().cluster(), s.viewer());
    } else {
      Optional<List<String>> hosts = series.hosts(view);
      if (hosts.isEmpty()) {
        return false;
      }
      List<LiveMessages.Latest> list = new ArrayList<>();
      Map<String, Long> marks = watermarks.computeIfAbsent(view.name(), k -> new HashMap<>());
      for (String host : hosts.get()) {
        series.latest(view, host, list);
        marks.putIfAbsent(host, newestSample(host));
      }
      data = new LiveMessages.SeriesList(list);
    }
    s.view(view);
    forgetUnusedViews();
    s.sendSnapshot(Json.encode(new LiveMessages.Snapshot(view.name(), now, data)));
    alerts.afterSnapshot(s, view);
    return true;
  }

  private long newestSample(String host) {
    return hub.agents().get(host).map(AgentState::newestSampleMs).orElse(0L);
  }

  private void forgetUnusedViews() {
    watermarks
        .keySet()
        .removeIf(
            name ->
                sessions.stream().noneMatch(s -> s.view() != null && s.view().name().equals(name)));
    java.util.Set<String> used = new java.util.HashSet<>();
    for (LiveSession s : sessions) {
      if (s.view() != null) {
        used.add(s.view().name());
      }
    }
    alerts.retain(used);
  }

  /** One tick: every subscribed view once. */
  void tick() {
    Map<String, List<LiveSession>> byView = new LinkedHashMap<>();
    for (LiveSession s : sessions) {
      if (s.view() != null) {
        byView.computeIfAbsent(s.view().name(), k -> new ArrayList<>()).add(s);
      }
    }
    long now = hub.clock().millis();
    byView.forEach(
        (name, subscribers) -> {
          LiveView view = subscribers.get(0).view();
          if (view.kind() == LiveView.Kind.CLUSTER) {
            clusterTick(subscribers, now);
          } else {
            pointsTick(view, subscribers);
          }
          alerts.tick(view, subscribers);
        });
  }

  private void clusterTick(List<LiveSession> subscribers, long now) {
    if (now - lastClusterSentMs < hub.config().live().clusterInterval().toMillis()) {
      return;
    }
    lastClusterSentMs = now;
    long newest = 0;
    for (AgentState a : hub.agents().all()) {
      newest = Math.max(newest, a.newestSampleMs());
    }
    long sent = hub.clock().millis();
    ClusterJson cluster = hub.cluster().cluster();
    // One message per kind of viewer: operators share the whole body, others each their own cut.
    Map<String, String> byViewer = new HashMap<>();
    for (LiveSession s : subscribers) {
      String json = byViewer.get(s.viewer().key());
      if (json == null) {
        json =
            Json.encode(
                new LiveMessages.Delta(
                    "cluster", newest, sent, redaction.redact(cluster, s.viewer())));
        byViewer.put(s.viewer().key(), json);
      }
      s.sendDelta(json, newest, sent);
    }
  }

  private void pointsTick(LiveView view, List<LiveSession> subscribers) {
    Map<String, Long> marks = watermarks.computeIfAbsent(view.name(), k -> new HashMap<>());
    Optional<List<String>> hosts = series.hosts(view);
    if (hosts.isEmpty()) {
      return;
    }
    List<LiveMessages.Point> points = new ArrayList<>();
    long newest = 0;
    for (String host : hosts.get()) {
      long until = newestSample(host);
      long after = marks.getOrDefault(host, 0L);
      if (until <= after) {
        continue;
      }
      if (after == 0) {
        after = until - 1; // the host's first data since the subscription: its newest tick only
      }
      series.points(view, host, after, until, points);
      marks.put(host, until);
      newest = Math.max(newest, until);
    }
    if (newest == 0) {
      return;
    }
    long sent = hub.clock().millis();
    String json =
        Json.encode(
            new LiveMessages.Delta(view.name(), newest, sent, new LiveMessages.PointList(points)));
    for (LiveSession s : subscribers) {
      s.sendDelta(json, newest, sent);
    }
  }
}
