package io.clusterwatch.hub.jobs;

import io.clusterwatch.hub.store.SampleStore;
import java.time.Clock;

/**
 * Computes a {@link JobSummary} from the store at query time, one {@link GpuUsage} per GPU held.
 */
public final class JobSummaries {
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
    double hours = 0;
    double energy = Double.NaN;
    for (Allocation a : job.allocations()) {
      long to = a.isOpen() ? now : a.endMs();
      if (!a.holdsGpu() || to < a.startMs()) {
        continue;
      }
      GpuUsage u = GpuUsage.of(store, a, to, idleThreshold);
      hours += u.heldHours();
      weightedSum += u.utilizationMs();
      weight += u.observedMs();
      idleMs += u.idleMs();
      if (!Double.isNaN(u.peakMemoryBytes())
          && (Double.isNaN(peak) || u.peakMemoryBytes() > peak)) {
        peak = u.peakMemoryBytes();
      }
      if (!Double.isNaN(u.energyJoules())) {
        energy = (Double.isNaN(energy) ? 0 : energy) + u.energyJoules();
      }
    }
    return new JobSummary(
        weight > 0 ? weightedSum / weight : Double.NaN,
        weight > 0 ? idleMs / MS_PER_MINUTE : Double.NaN,
        peak,
        hours,
        energy / JobSummary.JOULES_PER_KWH);
  }

  /**
   * Idle GPU-minutes of one allocation up to now, by the same rule as {@link #of}; NaN without
   * data.
   */
  public double idleGpuMinutes(Allocation a) {
    long to = a.isOpen() ? clock.millis() : a.endMs();
    if (!a.holdsGpu() || to < a.startMs()) {
      return Double.NaN;
    }
    GpuUsage u = GpuUsage.of(store, a, to, idleThreshold);
    return u.observed() ? u.idleMs() / MS_PER_MINUTE : Double.NaN;
  }
}
