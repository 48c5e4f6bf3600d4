package io.clusterwatch.hub.jobs;

/**
 * Figures of a job over its GPU allocations. NaN where there is no data.
 *
 * @param meanGpuUtilization time-weighted mean utilisation (0..1) over every held GPU
 * @param idleGpuMinutes GPU time at or under the idle threshold, in minutes
 * @param peakMemoryBytes highest memory use of any held GPU
 */
public record JobSummary(double meanGpuUtilization, double idleGpuMinutes, double peakMemoryBytes) {}
