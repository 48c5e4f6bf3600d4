package io.clusterwatch.hub.live;

import io.clusterwatch.hub.HubServices;
import io.clusterwatch.hub.access.AlertVisibility;
import io.clusterwatch.hub.alerts.AlertFilter;
import io.clusterwatch.hub.auth.Viewer;
import io.clusterwatch.hub.jobs.Job;
import io.clusterwatch.hub.rules.Alert;
import io.clusterwatch.hub.rules.AlertJson;
import io.vertx.core.json.Json;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code alerts} messages of /live views: once after each snapshot, then whenever an alert of
 * the view changes state. Each view's message is rebuilt only when an evaluation changed some
 * alert; each session remembers what it last received, so a message skipped for a slow client is
 * sent at a later tick instead of queued. Runs on the publisher's event loop.
 */
final class LiveAlerts {
  private record Built(long generation, String signature, String json) {}

  private final HubServices hub;
  private final AlertVisibility visibility;

  /** Per view name, per viewer key: the message last built. */
  private final Map<String, Map<String, Built>> byView = new HashMap<>();

  LiveAlerts(HubServices hub, AlertVisibility visibility) {
    this.hub = hub;
    this.visibility = visibility;
  }

  /** Sends the view's alerts to {@code s} now (after its snapshot), whatever it had. */
  void afterSnapshot(LiveSession s, LiveView view) {
    Built b = build(view, s.viewer());
    s.sendAlerts(b.json(), b.signature(), true);
  }

  /** Sends changed alerts to every subscriber of {@code view} that has not seen them. */
  void tick(LiveView view, List<LiveSession> subscribers) {
    Map<String, Built> built = byView.getOrDefault(view.name(), Map.of());
    for (LiveSession s : subscribers) {
      Built b = built.get(s.viewer().key());
      if (b == null || b.generation() != hub.alerts().generation()) {
        b = build(view, s.viewer());
        built = byView.get(view.name());
      }
      if (!b.signature().equals(s.alertsSignature())) {
        s.sendAlerts(b.json(), b.signature(), false);
      }
    }
  }

  void retain(java.util.Set<String> viewNames) {
    byView.keySet().retainAll(viewNames);
  }

  private Built build(LiveView view, Viewer viewer) {
    long generation = hub.alerts().generation();
    AlertFilter filter;
    switch (view.kind()) {
      case NODE:
        filter = new AlertFilter(AlertFilter.DEFAULT_STATES, view.id(), null, null);
        break;
      case JOB:
        Job job = hub.jobs().get(view.id()).orElse(null);
        filter = job == null ? null : new AlertFilter(AlertFilter.DEFAULT_STATES, null, job, null);
        break;
      default:
        filter = AlertFilter.all();
    }
    List<Alert> alerts =
        filter == null
            ? List.of()
            : filter.apply(visibility.visible(hub.alerts().alerts(), viewer));
    String json = Json.encode(new LiveMessages.Alerts(hub.clock().millis(), AlertJson.of(alerts)));
    Built b = new Built(generation, signature(alerts), json);
    byView.computeIfAbsent(view.name(), k -> new HashMap<>()).put(viewer.key(), b);
    return b;
  }

  /**
   * What a live client needs to know changed: each alert's rule, labels and state. Values and
   * summaries change at every evaluation and are not a reason to resend.
   */
  private static String signature(List<Alert> alerts) {
    StringBuilder b = new StringBuilder();
    for (Alert a : alerts) {
      b.append(a.rule())
          .append('\u0001')
          .append(a.labels())
          .append('\u0001')
          .append(a.state())
          .append('\n');
    }
    return b.toString();
  }
}
