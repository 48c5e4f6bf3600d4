package io.clusterwatch.hub.alerts;

import io.clusterwatch.hub.jobs.Allocation;
import io.clusterwatch.hub.jobs.Job;
import io.clusterwatch.hub.rules.Alert;
import io.clusterwatch.hub.rules.AlertState;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which alerts a request or a live view asks for: states (pending and firing unless named), a host,
 * a job, a rule group. An alert belongs to a job when it carries the job's {@code job_id}, or when
 * it is about one of the job's hosts (while the job held it) and names no other job: a node alert,
 * or a GPU alert on one of the job's GPUs.
 *
 * @param job the job with its allocations, null for no job filter
 */
public record AlertFilter(Set<AlertState> states, String host, Job job, String group) {
  public static final Set<AlertState> DEFAULT_STATES =
      EnumSet.of(AlertState.PENDING, AlertState.FIRING);

  public static AlertFilter all() {
    return new AlertFilter(DEFAULT_STATES, null, null, null);
  }

  public List<Alert> apply(List<Alert> alerts) {
    Set<String> jobGpus = new HashSet<>();
    Set<String> jobHosts = new HashSet<>();
    if (job != null) {
      for (Allocation a : job.allocations()) {
        jobHosts.add(a.host());
        if (a.holdsGpu()) {
          jobGpus.add(a.host() + "\n" + a.gpuUuid());
        }
      }
    }
    List<Alert> out = new ArrayList<>();
    for (Alert a : alerts) {
      String alertHost = a.labels().get("host");
      if (!states.contains(a.state())
          || (host != null && !host.equals(alertHost))
          || (group != null && !group.equals(a.group()))
          || (job != null && !belongsTo(a, alertHost, jobHosts, jobGpus))) {
        continue;
      }
      out.add(a);
    }
    return out;
  }

  private boolean belongsTo(Alert a, String alertHost, Set<String> jobHosts, Set<String> jobGpus) {
    String jobId = a.labels().get("job_id");
    if (jobId != null) {
      return jobId.equals(job.id());
    }
    if (!jobHosts.contains(alertHost)) {
      return false;
    }
    String uuid = a.labels().get("gpu_uuid");
    return uuid == null || jobGpus.contains(alertHost + "\n" + uuid);
  }
}
