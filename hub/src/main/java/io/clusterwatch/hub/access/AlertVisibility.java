package io.clusterwatch.hub.access;

import io.clusterwatch.hub.auth.Viewer;
import io.clusterwatch.hub.jobs.JobRegistry;
import io.clusterwatch.hub.rules.Alert;
import io.clusterwatch.hub.rules.AlertState;
import java.util.ArrayList;
import java.util.List;

/**
 * Which alerts a viewer may see. Operators see all. Others see the idle and hint alerts of jobs
 * they may see: an alert naming a {@code job_id}, or one about a GPU such a job holds now. Node
 * health (the {@code health} group: XID, ECC, throttling, IB links, disks, dead agents) is for
 * operators only.
 */
public final class AlertVisibility {
  private final JobRegistry jobs;

  public AlertVisibility(JobRegistry jobs) {
    this.jobs = jobs;
  }

  public List<Alert> visible(List<Alert> alerts, Viewer viewer) {
    if (viewer.seesAll()) {
      return alerts;
    }
    List<Alert> out = new ArrayList<>();
    for (Alert a : alerts) {
      if (visible(a, viewer)) {
        out.add(a);
      }
    }
    return out;
  }

  /** Firing idle and health alerts, as the cluster's {@code alerts_firing} counts them. */
  public int firingCount(List<Alert> alerts, Viewer viewer) {
    int n = 0;
    for (Alert a : visible(alerts, viewer)) {
      if (a.state() == AlertState.FIRING
          && (a.group().equals("health") || a.group().equals("idle"))) {
        n++;
      }
    }
    return n;
  }

  private boolean visible(Alert a, Viewer viewer) {
    if (a.group().equals("health")) {
      return false;
    }
    String jobId = a.labels().get("job_id");
    if (jobId != null) {
      return jobs.get(jobId).map(viewer::maySee).orElse(false);
    }
    String host = a.labels().get("host");
    String uuid = a.labels().get("gpu_uuid");
    return host != null
        && uuid != null
        && jobs.holder(host, uuid).map(viewer::maySee).orElse(false);
  }
}
