package io.clusterwatch.hub.live;

import io.clusterwatch.hub.HubServices;
import io.clusterwatch.hub.auth.Viewer;
import io.clusterwatch.hub.jobs.Job;

/**
 * Whether a viewer may subscribe to a /live view. A job they may not see is refused with the very
 * message of an unknown job, so that its existence does not leak; node views (node health) are for
 * operators; the cluster view is open to all, cut by {@link
 * io.clusterwatch.hub.access.ClusterRedaction}.
 */
final class LiveAccess {
  private LiveAccess() {}

  /** The error to send instead of subscribing; null when the subscription may go ahead. */
  static String refusal(HubServices hub, Viewer viewer, LiveView view) {
    if (viewer.seesAll()) {
      return null;
    }
    switch (view.kind()) {
      case NODE:
        return "node views need the operator role";
      case JOB:
        Job job = hub.jobs().get(view.id()).orElse(null);
        return job == null || viewer.maySee(job) ? null : "unknown job: " + view.id();
      default:
        return null;
    }
  }
}
