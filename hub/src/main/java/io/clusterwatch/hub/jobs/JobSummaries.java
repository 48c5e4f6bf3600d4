package io.clusterwatch.hub.jobs;

import io.clusterwatch.hub.store.SampleStore;
import io.clusterwatch.hub.store.SeriesData;
import io.clusterwatch.hub.store.SeriesQuery;
import io.clusterwatch.protocol.Labels;
import java.time.Clock;

/**
 * Computes a {@link JobSummary} from the store at query time. Each GPU allocation is read at the
 * finest tier that fits {@link #MAX_POINTS}. On raw points, a point is idle when its utilisation
 * is at or under the threshold; on rolled-up points only when the bucket's maximum is, so idle
 * minutes are never overstated.
 */
public final class JobSummaries {
  static final int MAX_POINTS = 10_000;
  private static final double MS_PER_MINUTE = 60_000.0;

  private final SampleStore store;
  private final Clock clock;
  private final double idleThreshold;

  public JobSummaries(SampleStore store, Clock clock, double idleThreshold) {
    this.store = store;
    this.clock = clock;
    this.idleThreshold = idleThreshold;
  }

  public JobSummary of(Job job) {
    long now = clock.millis();
    double weightedSum = 0;
    double weight = 0;
    double idleMs = 0;
    double peak = Double.NaN;
    boolean anyUtil = false;
    for (Allocation a : job.allocations()) {
      if (!a.holdsGpu()) {
        continue;
      }
      long to = a.isOpen() ? now : a.endMs();
      if (to < a.startMs()) {
        continue;
      }
      Labels gpu = Labels.of("gpu_uuid", a.gpuUuid());
      for (SeriesData d : store.query(
          new SeriesQuery(a.host(), "gpu_utilization_ratio", gpu, a.startMs(), to, MAX_POINTS))) {
        boolean raw = d.max() == d.avg();
        for (int i = 0; i < d.avg().length; i++) {
          double v = d.avg()[i];
          if (Double.isNaN(v)) {
            continue;
          }
          anyUtil = true;
          weightedSum += v * d.stepMs();
          weight += d.stepMs();
          if ((raw ? v : d.max()[i]) <= idleThreshold) {
            idleMs += d.stepMs();
          }
        }
      }
      for (SeriesData d : store.query(
          new SeriesQuery(a.host(), "gpu_memory_used_bytes", gpu, a.startMs(), to, MAX_POINTS))) {
        for (double v : d.max()) {
          if (!Double.isNaN(v) && (Double.isNaN(peak) || v > peak)) {
            peak = v;
          }
        }
      }
    }
    return new JobSummary(
        anyUtil && weight > 0 ? weightedSum / weight : Double.NaN,
        anyUtil ? idleMs / MS_PER_MINUTE : Double.NaN,
        peak);
  }
}
