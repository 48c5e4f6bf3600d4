package io.clusterwatch.simulator.cluster;

/** What a simulated job does with the GPUs it holds. */
enum Workload {
  /** Data-parallel training: GPUs near full, evaluation dips, checkpoint write bursts. */
  TRAINING,
  /**
   * Training whose input pipeline cannot keep up: low, spiky GPU use, saturated CPUs, heavy reads.
   */
  DATALOADER_STARVED,
  /** An interactive session that ran a few cells and was left open, holding GPU memory. */
  IDLE_HOLDING
}
