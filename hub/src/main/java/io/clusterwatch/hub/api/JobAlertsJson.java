package io.clusterwatch.hub.api;

import io.clusterwatch.hub.alerts.AlertEvent;
import io.clusterwatch.hub.alerts.AlertHistory;
import io.clusterwatch.hub.alerts.AlertService;
import io.clusterwatch.hub.alerts.JobEvents;
import io.clusterwatch.hub.archive.JobReport;
import io.clusterwatch.hub.jobs.Job;
import io.clusterwatch.hub.rules.Alert;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The {@code hints} and {@code events} of a job (docs/API.md, "Jobs: hints and events"). */
final class JobAlertsJson {
  private JobAlertsJson() {}

  /** Bottleneck hints about the job, current and recently resolved. */
  static JsonArray hints(Job job, AlertService alerts) {
    JsonArray out = new JsonArray();
    for (Alert a : alerts.alerts()) {
      if (!a.group().equals("hint") || !job.id().equals(a.labels().get("job_id"))) {
        continue;
      }
      // BottleneckHints writes "<question> <evidence>": the question ends at its '?'.
      int q = a.summary().indexOf("? ");
      out.add(new JsonObject()
          .put("rule", a.rule())
          .put("summary", q < 0 ? a.summary() : a.summary().substring(0, q + 1))
          .put("evidence", q < 0 ? "" : a.summary().substring(q + 2))
          .put("state", a.state().wireName())
          .put("active_at_ms", a.activeAt().toEpochMilli())
          .put("resolved_at_ms", a.resolvedAt() == null ? null : a.resolvedAt().toEpochMilli()));
    }
    return out;
  }

  /**
   * Health and hint events on the job's GPUs and nodes while it held them: events labelled with the
   * job, and events of its hosts within each allocation that name no other job and no other GPU.
   */
  static JsonArray events(Job job, AlertHistory history) {
    List<AlertEvent> sorted = new ArrayList<>();
    for (AlertEvent e : JobEvents.of(job, history)) {
      if (e.group().equals("health") || e.group().equals("hint")) {
        sorted.add(e);
      }
    }
    return events(sorted);
  }

  /** The health and hint alerts that fired for an archived job, as events. */
  static JsonArray events(JobReport archived) {
    List<AlertEvent> fired = new ArrayList<>();
    for (JobReport.FiredAlert a : archived.alerts()) {
      if (a.group().equals("health") || a.group().equals("hint")) {
        Map<String, String> labels = new TreeMap<>();
        labels.put("host", a.host());
        if (!a.gpuUuid().isEmpty()) {
          labels.put("gpu_uuid", a.gpuUuid());
        }
        fired.add(new AlertEvent(a.timeMs(), AlertEvent.FIRED, a.rule(), a.group(), a.severity(), a.summary(),
            labels));
      }
    }
    return events(fired);
  }

  private static JsonArray events(List<AlertEvent> sorted) {
    JsonArray out = new JsonArray();
    for (AlertEvent e : sorted) {
      out.add(new JsonObject()
          .put("time_ms", e.timeMs())
          .put("kind", e.kind())
          .put("rule", e.rule())
          .put("severity", e.severity())
          .put("summary", e.summary())
          .put("host", e.host())
          .put("gpu_uuid", e.gpuUuid()));
    }
    return out;
  }
}
