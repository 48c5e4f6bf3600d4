package io.clusterwatch.agent.jobs;

import io.clusterwatch.protocol.message.JobEvent;
import io.clusterwatch.protocol.message.JobInfo;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns consecutive discoveries into job events: a new job is {@code started}, a vanished one
 * {@code ended} (carrying what was last known), and a job whose GPUs or metadata changed is {@code
 * started} again with the new information (the hub keys jobs by host and id).
 */
public final class JobTracker {
  private final Clock clock;
  private Map<String, JobInfo> current = new LinkedHashMap<>();

  public JobTracker(Clock clock) {
    this.clock = clock;
  }

  public synchronized List<JobEvent> update(List<JobInfo> discovered) {
    long now = clock.millis();
    Map<String, JobInfo> next = new LinkedHashMap<>();
    List<JobEvent> events = new ArrayList<>();
    for (JobInfo j : discovered) {
      next.put(j.jobId(), j);
      JobInfo before = current.get(j.jobId());
      if (before == null || !before.equals(j)) {
        events.add(new JobEvent(JobEvent.STARTED, now, j));
      }
    }
    for (JobInfo j : current.values()) {
      if (!next.containsKey(j.jobId())) {
        events.add(new JobEvent(JobEvent.ENDED, now, j));
      }
    }
    current = next;
    return events;
  }

  /** The jobs as of the last update (for the snapshot sent after each hello). */
  public synchronized List<JobInfo> jobs() {
    return List.copyOf(current.values());
  }
}
