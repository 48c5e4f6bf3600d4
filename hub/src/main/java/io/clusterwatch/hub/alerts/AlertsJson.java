package io.clusterwatch.hub.alerts;

import io.clusterwatch.hub.rules.Alert;
import io.clusterwatch.hub.rules.AlertJson;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** The body of {@code GET /api/v1/alerts} and of the live {@code alerts} message (docs/API.md). */
public final class AlertsJson {
  private AlertsJson() {}

  public static JsonArray list(List<Alert> alerts) {
    JsonArray a = new JsonArray();
    for (Alert alert : alerts) {
      a.add(new JsonObject(AlertJson.toMap(alert)));
    }
    return a;
  }

  public static JsonObject body(long timeMs, List<Alert> alerts) {
    return new JsonObject().put("time_ms", timeMs).put("alerts", list(alerts));
  }

  /**
   * What a live client needs to know changed: each alert's rule, labels and state. Values and
   * summaries change at every evaluation and are not a reason to resend.
   */
  public static String signature(List<Alert> alerts) {
    StringBuilder b = new StringBuilder();
    for (Alert a : alerts) {
      b.append(a.rule()).append('\u0001').append(a.labels()).append('\u0001').append(a.state()).append('\n');
    }
    return b.toString();
  }
}
