package io.clusterwatch.simulator.cluster;

/**
 * The fixed character of one simulated job, drawn when it is created.
 *
 * @param warmupSeconds loading weights and data before the first step
 * @param evalPeriodSeconds time between evaluation passes
 * @param evalSeconds length of an evaluation pass
 * @param checkpointPeriodSeconds time between checkpoints
 * @param checkpointSeconds length of a checkpoint write
 * @param memoryPerGpuBytes GPU memory the job's process holds on each of its GPUs
 * @param utilization mean GPU utilisation while stepping (0..1)
 * @param powerIntensity how hard the kernels drive the GPU: power scales with it
 * @param readBytesPerSecondPerGpu input data read from local scratch per GPU while stepping
 * @param checkpointBytesPerSecond checkpoint write rate per node
 * @param ibLineFraction share of the IB line rate used by gradient all-reduce (multi-node only)
 * @param storageIbBytesPerSecond dataset streamed from the parallel file system over IB, per node
 * @param activeSeconds interactive sessions only: how long the user worked before leaving it idle
 */
record JobTraits(
    double warmupSeconds,
    double evalPeriodSeconds,
    double evalSeconds,
    double checkpointPeriodSeconds,
    double checkpointSeconds,
    long memoryPerGpuBytes,
    double utilization,
    double powerIntensity,
    double readBytesPerSecondPerGpu,
    double checkpointBytesPerSecond,
    double ibLineFraction,
    double storageIbBytesPerSecond,
    double activeSeconds) {}
