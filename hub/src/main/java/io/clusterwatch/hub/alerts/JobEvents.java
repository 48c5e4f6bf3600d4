package io.clusterwatch.hub.alerts;

import io.clusterwatch.hub.jobs.Allocation;
import io.clusterwatch.hub.jobs.Job;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Alert events that concern a job: events labelled with the job, and events of its hosts within
 * each allocation that name no other job and no other GPU. Oldest first, every rule group.
 */
public final class JobEvents {
  private JobEvents() {}

  public static List<AlertEvent> of(Job job, AlertHistory history) {
    Set<AlertEvent> events = new LinkedHashSet<>(history.ofJob(job.id()));
    for (Allocation a : job.allocations()) {
      for (AlertEvent e : history.ofHost(a.host(), a.startMs(), a.endMs())) {
        String other = e.labels().get("job_id");
        String uuid = e.gpuUuid();
        if (other == null && (uuid == null || uuid.equals(a.gpuUuid()))) {
          events.add(e);
        }
      }
    }
    List<AlertEvent> sorted = new ArrayList<>(events);
    sorted.sort(Comparator.comparingLong(AlertEvent::timeMs));
    return sorted;
  }
}
