package io.clusterwatch.hub.archive;

import io.clusterwatch.hub.jobs.JobSummary;
import java.util.List;

/**
 * The efficiency summary of a job, like Slurm's {@code seff} and Princeton's {@code jobstats}: what
 * was allocated and what was used. NaN where the store had no data.
 *
 * @param computedAtMs when it was computed
 * @param finalReport true once the job finished and its report was archived
 * @param idleThresholdRatio utilisation at or under this counted as idle ({@code
 *     rules.idle.low_util_max_ratio})
 * @param gpuHours GPU time allocated, every GPU's held time summed, in hours
 * @param meanGpuUtilization time-weighted mean utilisation (0..1) over every held GPU
 * @param medianGpuUtilization time-weighted median of the utilisation points over every held GPU
 * @param idleGpuHours GPU time at or under the idle threshold, in hours
 * @param peakGpuMemoryBytes highest memory use of any held GPU
 * @param gpuEnergyKwh energy the held GPUs drew while held, in kWh
 * @param hostCpuUtilization busy share of all CPU time of the job's hosts while it ran there (0..1)
 * @param hostMemoryPeakBytes highest memory in use (MemTotal - MemAvailable) of each host, summed
 * @param hostMemoryTotalBytes memory of the job's hosts, summed
 * @param diskReadBytes bytes read from the hosts' disks while the job ran there
 * @param diskWrittenBytes bytes written to them
 * @param ibReceivedBytes InfiniBand bytes received by the hosts' ports
 * @param ibTransmittedBytes InfiniBand bytes transmitted
 * @param gpus one entry per GPU allocation
 * @param alerts alerts and hints that fired for the job, oldest first
 */
public record JobReport(
    long computedAtMs,
    boolean finalReport,
    double idleThresholdRatio,
    double gpuHours,
    double meanGpuUtilization,
    double medianGpuUtilization,
    double idleGpuHours,
    double peakGpuMemoryBytes,
    double gpuEnergyKwh,
    double hostCpuUtilization,
    double hostMemoryPeakBytes,
    double hostMemoryTotalBytes,
    double diskReadBytes,
    double diskWrittenBytes,
    double ibReceivedBytes,
    double ibTransmittedBytes,
    List<GpuFigures> gpus,
    List<FiredAlert> alerts) {
  public JobReport {
    gpus = List.copyOf(gpus);
    alerts = List.copyOf(alerts);
  }

  /**
   * One GPU allocation's use.
   *
   * @param idleRatio share of the observed time at or under the idle threshold (0..1)
   */
  public record GpuFigures(
      String host,
      String uuid,
      long startMs,
      long endMs,
      double hours,
      double meanUtilization,
      double idleRatio,
      double peakMemoryBytes,
      double energyKwh) {}

  /** An alert or hint that fired for the job. */
  public record FiredAlert(
      long timeMs,
      String rule,
      String group,
      String severity,
      String summary,
      String host,
      String gpuUuid) {}

  /** The figures of the job list's {@code summary}. */
  public JobSummary summary() {
    return new JobSummary(
        meanGpuUtilization, idleGpuHours * 60, peakGpuMemoryBytes, gpuHours, gpuEnergyKwh);
  }

  /** The same report without its per-GPU and alert lists, as job list pages read it. */
  public JobReport figuresOnly() {
    return new JobReport(
        computedAtMs,
        finalReport,
        idleThresholdRatio,
        gpuHours,
        meanGpuUtilization,
        medianGpuUtilization,
        idleGpuHours,
        peakGpuMemoryBytes,
        gpuEnergyKwh,
        hostCpuUtilization,
        hostMemoryPeakBytes,
        hostMemoryTotalBytes,
        diskReadBytes,
        diskWrittenBytes,
        ibReceivedBytes,
        ibTransmittedBytes,
        List.of(),
        List.of());
  }
}
