package io.clusterwatch.simulator.cluster;

import java.util.Arrays;

/**
 * Everything the jobs on one node ask of its hardware during one tick; the device models turn it
 * into counters and gauges. Rates are per second.
 */
final class NodeDemand {
  final GpuDemand[] gpus;

  /** Share of each logical CPU spent running job code (0..1). */
  final double[] cpuBusy;

  /** Share of each logical CPU idle while waiting for I/O (0..1). */
  final double[] cpuIowait;

  double scratchReadBytesPerSecond;
  double scratchWriteBytesPerSecond;

  /** Per node, spread over the IB ports. */
  double ibReceiveBytesPerSecond;

  double ibTransmitBytesPerSecond;
  double ethReceiveBytesPerSecond;
  double ethTransmitBytesPerSecond;

  /** Anonymous memory of the jobs' processes. */
  long jobMemoryBytes;

  NodeDemand(NodeHardware node) {
    gpus = new GpuDemand[node.gpus().size()];
    Arrays.fill(gpus, GpuDemand.FREE);
    cpuBusy = new double[node.cpuCount()];
    cpuIowait = new double[node.cpuCount()];
  }
}
