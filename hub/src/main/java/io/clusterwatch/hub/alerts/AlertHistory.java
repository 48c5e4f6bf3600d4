package io.clusterwatch.hub.alerts;

import io.clusterwatch.hub.rules.Alert;
import io.clusterwatch.hub.rules.AlertState;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * A bounded history of alerts firing and resolving, per host and per job, so a job page can draw
 * the events of its GPUs and nodes after the alerts themselves are gone. Each host and each job
 * keeps its newest {@code perKey} events; jobs and hosts beyond {@code maxKeys} are forgotten
 * oldest first. Thread-safe.
 */
public final class AlertHistory {
  private final int perKey;
  private final int maxKeys;
  private final Map<String, Deque<AlertEvent>> byHost = new java.util.LinkedHashMap<>();
  private final Map<String, Deque<AlertEvent>> byJob = new java.util.LinkedHashMap<>();

  public AlertHistory(int perKey, int maxKeys) {
    this.perKey = perKey;
    this.maxKeys = maxKeys;
  }

  /** Records the firing and resolved changes among {@code changes}. */
  public synchronized void record(List<Alert> changes) {
    for (Alert a : changes) {
      AlertEvent e;
      if (a.state() == AlertState.FIRING && a.firedAt() != null) {
        e = event(a, a.firedAt().toEpochMilli(), AlertEvent.FIRED);
      } else if (a.state() == AlertState.RESOLVED && a.resolvedAt() != null) {
        e = event(a, a.resolvedAt().toEpochMilli(), AlertEvent.RESOLVED);
      } else {
        continue;
      }
      add(byHost, e.host(), e);
      String job = a.labels().get("job_id");
      if (job != null) {
        add(byJob, job, e);
      }
    }
  }

  private static AlertEvent event(Alert a, long timeMs, String kind) {
    return new AlertEvent(
        timeMs, kind, a.rule(), a.group(), a.severity().wireName(), a.summary(), a.labels());
  }

  private void add(Map<String, Deque<AlertEvent>> map, String key, AlertEvent e) {
    Deque<AlertEvent> d = map.get(key);
    if (d == null) {
      if (map.size() >= maxKeys) {
        String oldest = map.keySet().iterator().next();
        map.remove(oldest);
      }
      d = new ArrayDeque<>();
      map.put(key, d);
    }
    d.addLast(e);
    while (d.size() > perKey) {
      d.removeFirst();
    }
  }

  /** Events of one host in {@code [fromMs, toMs]}, oldest first. */
  public synchronized List<AlertEvent> ofHost(String host, long fromMs, long toMs) {
    return between(byHost.get(host), fromMs, toMs);
  }

  /** Events whose alert carried {@code job_id} = {@code jobId}, oldest first. */
  public synchronized List<AlertEvent> ofJob(String jobId) {
    return between(byJob.get(jobId), Long.MIN_VALUE, Long.MAX_VALUE);
  }

  private static List<AlertEvent> between(Deque<AlertEvent> d, long fromMs, long toMs) {
    List<AlertEvent> out = new ArrayList<>();
    if (d != null) {
      for (AlertEvent e : d) {
        if (e.timeMs() >= fromMs && e.timeMs() <= toMs) {
          out.add(e);
        }
      }
    }
    return out;
  }
}
