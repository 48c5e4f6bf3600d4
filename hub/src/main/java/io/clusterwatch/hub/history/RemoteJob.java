package io.clusterwatch.hub.history;

import io.clusterwatch.hub.jobs.Job;
import java.util.Map;

/**
 * A job found only in the history database (another cluster's, or one this hub has forgotten).
 *
 * @param job the job rebuilt from its {@code clusterwatch_job_gpu_info} series
 * @param clusterLabels the labels that set its hub's series apart in the database (the external
 *     labels of that hub's remote write, {@code cluster} for instance); every series query of the
 *     job matches them
 */
public record RemoteJob(Job job, Map<String, String> clusterLabels) {
  public RemoteJob {
    clusterLabels = Map.copyOf(clusterLabels);
  }
}
