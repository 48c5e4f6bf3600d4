package io.clusterwatch.simulator.cluster;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Turns a job's workload, character and age into what it asks of the GPUs, cores, disks and network
 * of one of its nodes. Phases follow the job's own clock, so the nodes of a multi-node job evaluate
 * and checkpoint together.
 */
final class WorkloadModel {
  private static final long GIB = 1024L * 1024 * 1024;

  private enum Phase {
    WARMUP,
    STEP,
    EVAL,
    CHECKPOINT
  }

  private WorkloadModel() {}

  /** Adds {@code job}'s demand on {@code node} at {@code nowMs} to {@code demand}. */
  static void apply(
      SimJob job, NodeHardware node, long nowMs, SplittableRandom rng, NodeDemand demand) {
    List<Integer> gpus = job.gpusByHost().get(node.host());
    if (gpus == null) {
      return;
    }
    double age = Math.max(0, job.elapsedSeconds(nowMs));
    switch (job.workload()) {
      case TRAINING:
        training(job, node, gpus, age, rng, demand);
        break;
      case DATALOADER_STARVED:
        starved(job, node, gpus, age, rng, demand);
        break;
      case IDLE_HOLDING:
        idle(job, node, gpus, age, rng, demand);
        break;
      default:
        throw new IllegalStateException("unknown workload " + job.workload());
    }
  }

  private static Phase phase(JobTraits t, double age) {
    if (age < t.warmupSeconds()) {
      return Phase.WARMUP;
    }
    double sinceWarmup = age - t.warmupSeconds();
    if (sinceWarmup % t.checkpointPeriodSeconds()
        >= t.checkpointPeriodSeconds() - t.checkpointSeconds()) {
      return Phase.CHECKPOINT;
    }
    if (sinceWarmup % t.evalPeriodSeconds() >= t.evalPeriodSeconds() - t.evalSeconds()) {
      return Phase.EVAL;
    }
    return Phase.STEP;
  }

  private static void training(
      SimJob job,
      NodeHardware node,
      List<Integer> gpus,
      double age,
      SplittableRandom rng,
      NodeDemand d) {
    JobTraits t = job.traits();
    Phase phase = phase(t, age);
    long memory =
        phase == Phase.WARMUP
            ? (long) (t.memoryPerGpuBytes() * Math.min(1, age / t.warmupSeconds()))
            : t.memoryPerGpuBytes();
    for (int g : gpus) {
      double util;
      double memUtil;
      switch (phase) {
        case WARMUP:
          util = 0.03 * rng.nextDouble();
          memUtil = 0.01 * rng.nextDouble();
          break;
        case CHECKPOINT:
          util = 0.02 * rng.nextDouble();
          memUtil = 0.02 * rng.nextDouble();
          break;
        case EVAL:
          util = clamp(0.45 + 0.08 * rng.nextGaussian(), 0.3, 0.6);
          memUtil = 0.15 + 0.05 * rng.nextDouble();
          break;
        default:
          util = clamp(t.utilization() + 0.015 * rng.nextGaussian(), 0.9, 0.99);
          memUtil = clamp(0.42 + 0.05 * rng.nextGaussian(), 0.3, 0.6);
      }
      d.gpus[g] = new GpuDemand(util, memUtil, memory, t.powerIntensity(), 1);
      // One main process per GPU plus its loader workers on the GPU's share of cores.
      double main = phase == Phase.STEP || phase == Phase.EVAL ? 0.97 : 0.55;
      double workers = phase == Phase.STEP ? 0.4 : 0.1;
      cores(node, g, d, main, workers, phase == Phase.CHECKPOINT ? 0.3 : 0.01, rng);
    }
    double share = (double) gpus.size() / job.gpuCount();
    d.jobMemoryBytes += gpus.size() * 48L * GIB;
    switch (phase) {
      case WARMUP:
        // Each rank reads its shard of the weights and the first batches.
        d.scratchReadBytesPerSecond += 0.15e9 * gpus.size();
        d.ibReceiveBytesPerSecond += t.storageIbBytesPerSecond();
        break;
      case CHECKPOINT:
        d.scratchWriteBytesPerSecond += t.checkpointBytesPerSecond();
        break;
      case EVAL:
        d.scratchReadBytesPerSecond += gpus.size() * t.readBytesPerSecondPerGpu() * 0.5;
        break;
      default:
        d.scratchReadBytesPerSecond += gpus.size() * t.readBytesPerSecondPerGpu();
        if (job.multiNode()) {
          double allReduce =
              t.ibLineFraction()
                  * NodeHardware.NDR_RATE_BYTES_PER_SECOND
                  * node.ibPorts().size()
                  * (1 + 0.03 * rng.nextGaussian());
          d.ibReceiveBytesPerSecond += allReduce;
          d.ibTransmitBytesPerSecond += allReduce;
        } else {
          d.ibReceiveBytesPerSecond += t.storageIbBytesPerSecond() * (1 + 0.1 * rng.nextGaussian());
          d.ibTransmitBytesPerSecond += 0.02 * t.storageIbBytesPerSecond();
        }
    }
    d.ethTransmitBytesPerSecond += 60e3 * share;
  }

  private static void starved(
      SimJob job,
      NodeHardware node,
      List<Integer> gpus,
      double age,
      SplittableRandom rng,
      NodeDemand d) {
    JobTraits t = job.traits();
    Phase phase = phase(t, age);
    boolean stepping = phase == Phase.STEP || phase == Phase.EVAL;
    for (int g : gpus) {
      // The GPU waits for batches: each reading catches it either in a short burst or waiting.
      double util =
          stepping
              ? clamp(t.utilization() + 0.18 * rng.nextGaussian(), 0.02, 0.9)
              : 0.02 * rng.nextDouble();
      d.gpus[g] = new GpuDemand(util, util * 0.35, t.memoryPerGpuBytes(), t.powerIntensity(), 1);
      double busy = stepping ? 0.97 : 0.6;
      cores(node, g, d, busy, busy, 0.02, rng);
    }
    d.jobMemoryBytes += gpus.size() * 30L * GIB;
    if (phase == Phase.CHECKPOINT) {
      d.scratchWriteBytesPerSecond += t.checkpointBytesPerSecond();
    } else {
      d.scratchReadBytesPerSecond +=
          gpus.size() * t.readBytesPerSecondPerGpu() * (1 + 0.1 * rng.nextGaussian());
      d.ibReceiveBytesPerSecond += t.storageIbBytesPerSecond();
    }
    d.ethTransmitBytesPerSecond += 40e3;
  }

  private static void idle(
      SimJob job,
      NodeHardware node,
      List<Integer> gpus,
      double age,
      SplittableRandom rng,
      NodeDemand d) {
    JobTraits t = job.traits();
    boolean active = age < t.activeSeconds();
    long memory =
        active
            ? (long) (t.memoryPerGpuBytes() * Math.min(1, age / t.activeSeconds()))
            : t.memoryPerGpuBytes();
    for (int g : gpus) {
      double util = active && rng.nextDouble() < 0.4 ? 0.6 * rng.nextDouble() : 0;
      d.gpus[g] = new GpuDemand(util, util * 0.3, memory, t.powerIntensity(), 1);
      cores(node, g, d, active ? 0.3 : 0.01, 0.0, 0, rng);
    }
    d.jobMemoryBytes += gpus.size() * 8L * GIB;
    if (active) {
      d.scratchReadBytesPerSecond += t.readBytesPerSecondPerGpu() * gpus.size();
    }
    d.ethReceiveBytesPerSecond += 20e3;
    d.ethTransmitBytesPerSecond += 20e3;
  }

  /** Loads the cores Slurm bound to GPU {@code g}: the first runs the main process. */
  private static void cores(
      NodeHardware node,
      int g,
      NodeDemand d,
      double main,
      double workers,
      double iowait,
      SplittableRandom rng) {
    int per = node.coresPerGpu();
    for (int c = g * per; c < (g + 1) * per; c++) {
      double level = c == g * per ? main : workers;
      d.cpuBusy[c] = clamp(level + 0.02 * rng.nextGaussian(), 0, 1);
      d.cpuIowait[c] = Math.min(iowait, 1 - d.cpuBusy[c]);
    }
  }

  static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }
}
