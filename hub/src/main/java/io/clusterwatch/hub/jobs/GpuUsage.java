package io.clusterwatch.hub.jobs;

import io.clusterwatch.hub.store.SampleStore;
import io.clusterwatch.hub.store.SeriesData;
import io.clusterwatch.hub.store.SeriesQuery;
import io.clusterwatch.protocol.Labels;
import java.util.Arrays;

/**
 * What one GPU allocation used, read from the store at the finest tier that fits {@link
 * #pointsFor}: at the default 1 s raw step, raw points for an allocation of up to 25 minutes, 10 s
 * rollups up to about 4 hours, 60 s rollups beyond (never coarser). On raw points a point is idle
 * when its utilisation is at or under the threshold; on rolled-up points only when the bucket's
 * maximum is, so idle time is never overstated. Energy integrates the rate of {@code
 * gpu_energy_joules_total} (NVML's total-energy counter, mJ, which the agent sends in joules).
 *
 * @param observedMs time with a utilisation value
 * @param utilizationMs integral of utilisation over {@code observedMs} (ratio x ms)
 * @param idleMs time at or under the idle threshold
 * @param peakMemoryBytes highest memory use, NaN without data
 * @param energyJoules energy drawn, NaN without data
 * @param points utilisation of each point (its average), for medians across GPUs
 * @param pointWeightsMs the width of each of {@code points}
 */
public record GpuUsage(
    Allocation allocation,
    long toMs,
    double observedMs,
    double utilizationMs,
    double idleMs,
    double peakMemoryBytes,
    double energyJoules,
    double[] points,
    double[] pointWeightsMs) {
  /**
   * Points per allocation the finer tiers must fit in to be read. A running job's summary is
   * computed on every request for its page and for the job list, three series per GPU: at 10,000
   * points (10 s rollups for a day) a 64-GPU job's summary decoded 1.7 million points, 0.3 to 1 s
   * of CPU; at 1,500 a day is read from the 60 s rollups, a sixth of that.
   */
  public static final int MAX_POINTS = 1_500;

  /** The store's coarsest tier (60 s rollups, StoreConfig): a summary is never read coarser. */
  static final long COARSEST_STEP_MS = 60_000;

  static final String UTILIZATION = "gpu_utilization_ratio";
  static final String MEMORY = "gpu_memory_used_bytes";
  static final String ENERGY = "gpu_energy_joules_total";

  /** Usage of {@code a} up to {@code toMs} (its end, or now while it is open). */
  public static GpuUsage of(SampleStore store, Allocation a, long toMs, double idleThreshold) {
    Labels gpu = Labels.of("gpu_uuid", a.gpuUuid());
    double observed = 0;
    double integral = 0;
    double idle = 0;
    double[] points = new double[0];
    double[] weights = new double[0];
    int n = 0;
    // A held GPU's newest point counts whole; a released one's points are cut at its end.
    long clipMs = a.isOpen() ? Long.MAX_VALUE : toMs;
    int maxPoints = pointsFor(a.startMs(), toMs);
    for (SeriesData d :
        store.query(new SeriesQuery(a.host(), UTILIZATION, gpu, a.startMs(), toMs, maxPoints))) {
      boolean raw = d.max() == d.avg();
      points = Arrays.copyOf(points, n + d.avg().length);
      weights = Arrays.copyOf(weights, n + d.avg().length);
      for (int i = 0; i < d.avg().length; i++) {
        double v = d.avg()[i];
        long w = overlapMs(d, i, a.startMs(), clipMs);
        if (Double.isNaN(v) || w <= 0) {
          continue;
        }
        observed += w;
        integral += v * w;
        if ((raw ? v : d.max()[i]) <= idleThreshold) {
          idle += w;
        }
        points[n] = v;
        weights[n] = w;
        n++;
      }
    }
    double peak = Double.NaN;
    for (SeriesData d :
        store.query(new SeriesQuery(a.host(), MEMORY, gpu, a.startMs(), toMs, maxPoints))) {
      for (double v : d.max()) {
        if (!Double.isNaN(v) && (Double.isNaN(peak) || v > peak)) {
          peak = v;
        }
      }
    }
    double energy = Double.NaN;
    for (SeriesData d :
        store.query(new SeriesQuery(a.host(), ENERGY, gpu, a.startMs(), toMs, maxPoints))) {
      for (int i = 0; i < d.avg().length; i++) {
        double watts = d.avg()[i];
        long w = overlapMs(d, i, a.startMs(), clipMs);
        if (!Double.isNaN(watts) && w > 0) {
          energy = (Double.isNaN(energy) ? 0 : energy) + watts * w / 1000.0;
        }
      }
    }
    return new GpuUsage(
        a,
        toMs,
        observed,
        integral,
        idle,
        peak,
        energy,
        Arrays.copyOf(points, n),
        Arrays.copyOf(weights, n));
  }

  /**
   * {@link #MAX_POINTS}, or as many as the 60 s rollups have slots in {@code [fromMs, toMs]} when
   * that is more, so that a long allocation is read at 60 s rather than at merged buckets.
   */
  static int pointsFor(long fromMs, long toMs) {
    long slots =
        Math.floorDiv(toMs, COARSEST_STEP_MS) - Math.floorDiv(fromMs, COARSEST_STEP_MS) + 1;
    return (int) Math.min(Integer.MAX_VALUE, Math.max(MAX_POINTS, slots));
  }

  /** How much of point {@code i}'s interval lies within {@code [fromMs, toMs)}. */
  static long overlapMs(SeriesData d, int i, long fromMs, long toMs) {
    long start = d.timestampsMs()[i];
    return Math.min(start + d.stepMs(), toMs) - Math.max(start, fromMs);
  }

  /** True when the store had any utilisation value for the allocation. */
  public boolean observed() {
    return observedMs > 0;
  }

  /** Hours the GPU was held (the allocation's length up to {@code toMs}). */
  public double heldHours() {
    return Math.max(0, toMs - allocation.startMs()) / 3_600_000.0;
  }

  /** Time-weighted mean utilisation (0..1); NaN without data. */
  public double meanUtilization() {
    return observed() ? utilizationMs / observedMs : Double.NaN;
  }

  /** Share of the observed time at or under the idle threshold (0..1); NaN without data. */
  public double idleRatio() {
    return observed() ? idleMs / observedMs : Double.NaN;
  }
}
