package io.clusterwatch.hub.archive;

import io.clusterwatch.hub.alerts.AlertEvent;
import io.clusterwatch.hub.alerts.AlertHistory;
import io.clusterwatch.hub.alerts.JobEvents;
import io.clusterwatch.hub.archive.JobReport.FiredAlert;
import io.clusterwatch.hub.archive.JobReport.GpuFigures;
import io.clusterwatch.hub.jobs.Allocation;
import io.clusterwatch.hub.jobs.GpuUsage;
import io.clusterwatch.hub.jobs.Job;
import io.clusterwatch.hub.jobs.JobSummary;
import io.clusterwatch.hub.store.SampleStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Computes a job's {@link JobReport} from the hub's store and alert history: when the job finishes
 * (the archived report), or at request time for a running job. Blocking work: never on an event
 * loop.
 */
public final class JobReports {
  private static final double MS_PER_HOUR = 3_600_000.0;

  private final SampleStore store;
  private final AlertHistory history;
  private final Clock clock;
  private final double idleThreshold;

  /**
   * @param idleThreshold utilisation at or under this counts as idle (the idle rule's threshold)
   */
  public JobReports(SampleStore store, AlertHistory history, Clock clock, double idleThreshold) {
    this.store = store;
    this.history = history;
    this.clock = clock;
    this.idleThreshold = idleThreshold;
  }

  /**
   * @param finalReport whether this is the report archived at the job's end
   */
  public JobReport of(Job job, boolean finalReport) {
    long now = clock.millis();
    List<GpuFigures> gpus = new ArrayList<>();
    List<double[]> points = new ArrayList<>();
    double hours = 0;
    double observed = 0;
    double integral = 0;
    double idle = 0;
    double peak = Double.NaN;
    double energy = Double.NaN;
    for (Allocation a : job.allocations()) {
      long to = a.isOpen() ? now : a.endMs();
      if (!a.holdsGpu() || to < a.startMs()) {
        continue;
      }
      GpuUsage u = GpuUsage.of(store, a, to, idleThreshold);
      gpus.add(
          new GpuFigures(
              a.host(),
              a.gpuUuid(),
              a.startMs(),
              to,
              u.heldHours(),
              u.meanUtilization(),
              u.idleRatio(),
              u.peakMemoryBytes(),
              u.energyJoules() / JobSummary.JOULES_PER_KWH));
      hours += u.heldHours();
      observed += u.observedMs();
      integral += u.utilizationMs();
      idle += u.idleMs();
      peak = Double.isNaN(peak) || u.peakMemoryBytes() > peak ? u.peakMemoryBytes() : peak;
      if (!Double.isNaN(u.energyJoules())) {
        energy = (Double.isNaN(energy) ? 0 : energy) + u.energyJoules();
      }
      for (int i = 0; i < u.points().length; i++) {
        points.add(new double[] {u.points()[i], u.pointWeightsMs()[i]});
      }
    }
    Hosts hosts = hosts(job, now);
    return new JobReport(
        now,
        finalReport,
        idleThreshold,
        hours,
        observed > 0 ? integral / observed : Double.NaN,
        weightedMedian(points),
        observed > 0 ? idle / MS_PER_HOUR : Double.NaN,
        peak,
        energy / JobSummary.JOULES_PER_KWH,
        hosts.cpuBusy / hosts.cpuAll,
        hosts.memoryPeak,
        hosts.memoryTotal,
        hosts.diskRead,
        hosts.diskWritten,
        hosts.ibReceived,
        hosts.ibTransmitted,
        gpus,
        fired(job));
  }

  /** Sums of {@link HostUsage} over the job's hosts, each over the job's time there. */
  private static final class Hosts {
    double cpuBusy = Double.NaN;
    double cpuAll = Double.NaN;
    double memoryPeak = Double.NaN;
    double memoryTotal = Double.NaN;
    double diskRead = Double.NaN;
    double diskWritten = Double.NaN;
    double ibReceived = Double.NaN;
    double ibTransmitted = Double.NaN;

    static double add(double acc, double v) {
      return Double.isNaN(v) ? acc : (Double.isNaN(acc) ? 0 : acc) + v;
    }

    void add(HostUsage h) {
      cpuBusy = add(cpuBusy, h.cpuBusySeconds());
      cpuAll = add(cpuAll, h.cpuAllSeconds());
      memoryPeak = add(memoryPeak, h.memoryPeakBytes());
      memoryTotal = add(memoryTotal, h.memoryTotalBytes());
      diskRead = add(diskRead, h.diskReadBytes());
      diskWritten = add(diskWritten, h.diskWrittenBytes());
      ibReceived = add(ibReceived, h.ibReceivedBytes());
      ibTransmitted = add(ibTransmitted, h.ibTransmittedBytes());
    }
  }

  private Hosts hosts(Job job, long now) {
    Hosts out = new Hosts();
    for (String host : job.hosts()) {
      long from = Long.MAX_VALUE;
      long to = Long.MIN_VALUE;
      for (Allocation a : job.allocations()) {
        if (a.host().equals(host)) {
          from = Math.min(from, a.startMs());
          to = Math.max(to, a.isOpen() ? now : a.endMs());
        }
      }
      if (to >= from) {
        out.add(HostUsage.of(store, host, from, to));
      }
    }
    return out;
  }

  /** The value at half the total weight; NaN for no points. */
  static double weightedMedian(List<double[]> valueAndWeight) {
    if (valueAndWeight.isEmpty()) {
      return Double.NaN;
    }
    double[][] sorted = valueAndWeight.toArray(new double[0][]);
    Arrays.sort(sorted, Comparator.comparingDouble(p -> p[0]));
    double total = 0;
    for (double[] p : sorted) {
      total += p[1];
    }
    double seen = 0;
    for (double[] p : sorted) {
      seen += p[1];
      if (seen >= total / 2) {
        return p[0];
      }
    }
    return sorted[sorted.length - 1][0];
  }

  private List<FiredAlert> fired(Job job) {
    List<FiredAlert> out = new ArrayList<>();
    for (AlertEvent e : JobEvents.of(job, history)) {
      if (AlertEvent.FIRED.equals(e.kind())) {
        out.add(
            new FiredAlert(
                e.timeMs(),
                e.rule(),
                e.group(),
                e.severity(),
                e.summary(),
                e.host(),
                e.gpuUuid() == null ? "" : e.gpuUuid()));
      }
    }
    return out;
  }
}
