package io.clusterwatch.hub.cluster;

import io.clusterwatch.hub.jobs.Job;
import java.util.List;

/**
 * One GPU as the dashboard shows it. Doubles are NaN when the node does not report the value.
 *
 * @param state {@code busy}, {@code idle}, {@code free} or {@code stale}
 * @param idleSinceMs when an idle GPU became idle, 0 otherwise
 * @param unhealthyReasons why {@code unhealthy} is set: {@code xid}, {@code ecc_uncorrected},
 *     {@code thermal_throttling}
 * @param job the job holding it, null when free
 */
public record GpuView(
    String host,
    String index,
    String uuid,
    String pciBusId,
    String model,
    String state,
    long idleSinceMs,
    boolean memoryHeldIdle,
    List<String> unhealthyReasons,
    double utilization,
    double memoryUsedBytes,
    double memoryTotalBytes,
    double powerWatts,
    double temperatureCelsius,
    Job job) {

  public boolean unhealthy() {
    return !unhealthyReasons.isEmpty();
  }
}
