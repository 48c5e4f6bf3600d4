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
      Utilisation u = utilisation(a, to);
      anyUtil |= u.any;
      weightedSum += u.weightedSum;
      weight += u.weight;
      idleMs += u.idleMs;
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

  /** Idle GPU-minutes of one allocation up to now, by the same rule as {@link #of}; NaN without data. */
  public double idleGpuMinutes(Allocation a) {
    long to = a.isOpen() ? clock.millis() : a.endMs();
    if (!a.holdsGpu() || to < a.startMs()) {
      return Double.NaN;
    }
    Utilisation u = utilisation(a, to);
    return u.any ? u.idleMs / MS_PER_MINUTE : Double.NaN;
  }

  private static final class Utilisation {
    boolean any;
    double weightedSum;
    double weight;
    double idleMs;
  }

  private Utilisation utilisation(Allocation a, long to) {
    Utilisation u = new Utilisation();
    Labels gpu = Labels.of("gpu_uuid", a.gpuUuid());
    for (SeriesData d : store.query(
        new SeriesQuery(a.host(), "gpu_utilization_ratio", gpu, a.startMs(), to, MAX_POINTS))) {
      boolean raw = d.max() == d.avg();
      for (int i = 0; i < d.avg().length; i++) {
        double v = d.avg()[i];
        if (Double.isNaN(v)) {
          continue;
        }
        u.any = true;
        u.weightedSum += v * d.stepMs();
        u.weight += d.stepMs();
        if ((raw ? v : d.max()[i]) <= idleThreshold) {
          u.idleMs += d.stepMs();
        }
      }
    }
    return u;
  }
}
