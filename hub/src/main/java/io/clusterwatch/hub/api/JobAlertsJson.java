package io.clusterwatch.hub.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.clusterwatch.hub.alerts.AlertEvent;
import io.clusterwatch.hub.alerts.AlertHistory;
import io.clusterwatch.hub.alerts.AlertService;
import io.clusterwatch.hub.alerts.JobEvents;
import io.clusterwatch.hub.archive.JobReport;
import io.clusterwatch.hub.jobs.Job;
import io.clusterwatch.hub.rules.Alert;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The {@code hints} and {@code events} of a job (docs/API.md, "Jobs: hints and events"). */
final class JobAlertsJson {
  private JobAlertsJson() {}

  /**
   * A bottleneck hint: the question ({@code summary}) and what it rests on ({@code evidence}).
   *
   * @param resolvedAtMs null while it holds
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Hint(
      String rule,
      String summary,
      String evidence,
      String state,
      long activeAtMs,
      Long resolvedAtMs) {}

  /**
   * A health or hint event on the job's GPUs or nodes.
   *
   * @param gpuUuid null for an event of a whole node
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Event(
      long timeMs,
      String kind,
      String rule,
      String severity,
      String summary,
      String host,
      String gpuUuid) {}

  /** Bottleneck hints about the job, current and recently resolved. */
  static List<Hint> hints(Job job, AlertService alerts) {
    List<Hint> out = new ArrayList<>();
    for (Alert a : alerts.alerts()) {
      if (!a.group().equals("hint") || !job.id().equals(a.labels().get("job_id"))) {
        continue;
      }
      // BottleneckHints writes "<question> <evidence>": the question ends at its '?'.
      int q = a.summary().indexOf("? ");
      out.add(
          new Hint(
              a.rule(),
              q < 0 ? a.summary() : a.summary().substring(0, q + 1),
              q < 0 ? "" : a.summary().substring(q + 2),
              a.state().wireName(),
              a.activeAt().toEpochMilli(),
              a.resolvedAt() == null ? null : a.resolvedAt().toEpochMilli()));
    }
    return out;
  }

  /**
   * Health and hint events on the job's GPUs and nodes while it held them: events labelled with the
   * job, and events of its hosts within each allocation that name no other job and no other GPU.
   */
  static List<Event> events(Job job, AlertHistory history) {
    List<AlertEvent> sorted = new ArrayList<>();
    for (AlertEvent e : JobEvents.of(job, history)) {
      if (e.group().equals("health") || e.group().equals("hint")) {
        sorted.add(e);
      }
    }
    return events(sorted);
  }

  /** The health and hint alerts that fired for an archived job, as events. */
  static List<Event> events(JobReport archived) {
    List<AlertEvent> fired = new ArrayList<>();
    for (JobReport.FiredAlert a : archived.alerts()) {
      if (a.group().equals("health") || a.group().equals("hint")) {
        Map<String, String> labels = new TreeMap<>();
        labels.put("host", a.host());
        if (!a.gpuUuid().isEmpty()) {
          labels.put("gpu_uuid", a.gpuUuid());
        }
        fired.add(
            new AlertEvent(
                a.timeMs(),
                AlertEvent.FIRED,
                a.rule(),
                a.group(),
                a.severity(),
                a.summary(),
                labels));
      }
    }
    return events(fired);
  }

  private static List<Event> events(List<AlertEvent> sorted) {
    return sorted.stream()
        .map(
            e ->
                new Event(
                    e.timeMs(),
                    e.kind(),
                    e.rule(),
                    e.severity(),
                    e.summary(),
                    e.host(),
                    e.gpuUuid()))
        .toList();
  }
}
