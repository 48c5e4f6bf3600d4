package io.clusterwatch.simulator.cluster;

/**
 * What the job on one GPU asks of it during one tick, before the GPU's own physics (power limit,
 * temperature, throttling) is applied.
 *
 * @param utilization share of the sample period a kernel was running (0..1)
 * @param memoryUtilization share of the period device memory was read or written (0..1)
 * @param memoryUsedBytes memory the job's contexts hold
 * @param powerIntensity how hard the kernels drive the GPU; power scales with it
 * @param processes running compute processes
 */
record GpuDemand(
    double utilization,
    double memoryUtilization,
    long memoryUsedBytes,
    double powerIntensity,
    int processes) {
  /** A GPU no job holds. */
  static final GpuDemand FREE = new GpuDemand(0, 0, 0, 0, 0);
}
