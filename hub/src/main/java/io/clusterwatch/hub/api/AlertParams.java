package io.clusterwatch.hub.api;

import io.clusterwatch.hub.alerts.AlertFilter;
import io.clusterwatch.hub.jobs.Job;
import io.clusterwatch.hub.jobs.JobRegistry;
import io.clusterwatch.hub.rules.AlertState;
import io.vertx.core.MultiMap;
import java.util.EnumSet;
import java.util.Set;

/**
 * The query of {@code GET /api/v1/alerts}: {@code state}, {@code host}, {@code job}, {@code group}.
 */
final class AlertParams {
  private static final Set<String> NAMES = Set.of("state", "host", "job", "group");
  private static final Set<String> GROUPS = Set.of("idle", "health", "hint");

  private AlertParams() {}

  static AlertFilter parse(MultiMap params, JobRegistry jobs) {
    for (String name : params.names()) {
      if (!NAMES.contains(name)) {
        throw new ApiException(400, "unknown parameter '" + name + "'");
      }
    }
    Set<AlertState> states = AlertFilter.DEFAULT_STATES;
    String state = params.get("state");
    if (state != null) {
      switch (state) {
        case "firing":
          states = EnumSet.of(AlertState.FIRING);
          break;
        case "pending":
          states = EnumSet.of(AlertState.PENDING);
          break;
        case "resolved":
          states = EnumSet.of(AlertState.RESOLVED);
          break;
        default:
          throw new ApiException(400, "parameter 'state' must be firing, pending or resolved");
      }
    }
    String group = params.get("group");
    if (group != null && !GROUPS.contains(group)) {
      throw new ApiException(400, "parameter 'group' must be idle, health or hint");
    }
    String jobId = params.get("job");
    Job job = null;
    if (jobId != null) {
      job = jobs.get(jobId).orElseThrow(() -> new ApiException(404, "unknown job: " + jobId));
    }
    return new AlertFilter(states, params.get("host"), job, group);
  }
}
