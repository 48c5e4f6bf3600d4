package io.clusterwatch.hub.jobs;

/**
 * Figures of a job over its GPU allocations. NaN where there is no data.
 *
 * @param meanGpuUtilization time-weighted mean utilisation (0..1) over every held GPU
 * @param idleGpuMinutes GPU time at or under the idle threshold, in minutes
 * @param peakMemoryBytes highest memory use of any held GPU
 * @param gpuHours GPU time allocated (every GPU's held time, summed), in hours
 * @param energyKwh energy drawn by the held GPUs while held, in kWh
 */
public record JobSummary(
    double meanGpuUtilization,
    double idleGpuMinutes,
    double peakMemoryBytes,
    double gpuHours,
    double energyKwh) {
  public static final double JOULES_PER_KWH = 3.6e6;
}
