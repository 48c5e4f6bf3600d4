package io.clusterwatch.simulator.cluster;

import io.clusterwatch.protocol.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One synthetic node: its jobs' demand drives GPU, CPU, memory, disk, Ethernet and InfiniBand
 * models, which keep their counters between ticks. {@link #sample} is pure apart from that state:
 * the same seed, jobs and times give the same samples.
 */
final class SimulatedNode {
  /** Background IB traffic (subnet management, monitoring) per port. */
  private static final double IB_BACKGROUND_BYTES_PER_SECOND = 20e3;

  private static final double SYSTEM_DISK_WRITE_BYTES_PER_SECOND = 200e3;
  private static final double SYSTEM_DISK_READ_BYTES_PER_SECOND = 40e3;

  private final NodeHardware hardware;
  private final NodeFaults faults;
  private final SplittableRandom rng;
  private final List<SimulatedGpu> gpus = new ArrayList<>();
  private final SimulatedCpu cpu;
  private final SimulatedMemory memory;
  private final SimulatedDisk systemDisk;
  private final SimulatedDisk scratchDisk;
  private final SimulatedNetwork eth;
  private final List<SimulatedIbPort> ibPorts = new ArrayList<>();
  private final double uptimeSeconds;
  private long lastMs = Long.MIN_VALUE;
  private boolean xidRaised;

  SimulatedNode(NodeHardware hardware, NodeFaults faults, long seed) {
    this.hardware = hardware;
    this.faults = faults;
    this.rng = new SplittableRandom(seed);
    this.uptimeSeconds = 86_400 * (1 + 5 * rng.nextDouble());
    for (GpuDevice g : hardware.gpus()) {
      gpus.add(new SimulatedGpu(g, hardware.gpuModel(), faults.thermal(), uptimeSeconds, rng));
    }
    cpu = new SimulatedCpu(hardware.cpuCount(), uptimeSeconds);
    memory = new SimulatedMemory(hardware.memTotalBytes(), hardware.memTotalBytes() * 0.2);
    systemDisk = new SimulatedDisk(hardware.systemDisk(), 0, uptimeSeconds, 50e3, rng);
    scratchDisk = new SimulatedDisk(hardware.scratchDisk(), 4, uptimeSeconds, 300e6, rng);
    eth = new SimulatedNetwork(hardware.ethDevice(), uptimeSeconds, rng);
    for (NodeHardware.IbPort port : hardware.ibPorts()) {
      boolean degrading = port.device().equals(faults.degradingIbDevice());
      ibPorts.add(new SimulatedIbPort(port, degrading, uptimeSeconds, rng));
    }
  }

  NodeHardware hardware() {
    return hardware;
  }

  NodeFaults faults() {
    return faults;
  }

  /** Seconds since the simulated node booted, at construction. */
  double uptimeSeconds() {
    return uptimeSeconds;
  }

  /**
   * Every series of this node at {@code nowMs}, with {@code jobs} running on it. Counters advance
   * by the time since the previous call (nothing on the first call, or if the clock went back).
   */
  List<Sample> sample(long nowMs, List<SimJob> jobs) {
    double dt = lastMs == Long.MIN_VALUE ? 0 : Math.max(0, (nowMs - lastMs) / 1000.0);
    lastMs = Math.max(lastMs, nowMs);
    if (!xidRaised && faults.xidAtMs() >= 0 && nowMs >= faults.xidAtMs()) {
      gpus.get(faults.xidGpu()).raiseXid(faults.xid());
      xidRaised = true;
    }
    NodeDemand demand = new NodeDemand(hardware);
    for (SimJob job : jobs) {
      WorkloadModel.apply(job, hardware, nowMs, rng, demand);
    }
    List<Sample> out = new ArrayList<>(512);
    for (SimulatedGpu gpu : gpus) {
      gpu.sample(dt, demand.gpus[gpu.device().index()], rng, out);
    }
    cpu.sample(dt, demand, out);
    memory.sample(dt, demand, out);
    systemDisk.sample(
        dt, SYSTEM_DISK_READ_BYTES_PER_SECOND, SYSTEM_DISK_WRITE_BYTES_PER_SECOND, out);
    scratchDisk.sample(
        dt, demand.scratchReadBytesPerSecond, demand.scratchWriteBytesPerSecond, out);
    eth.sample(dt, demand, rng, out);
    int ports = ibPorts.size();
    for (SimulatedIbPort port : ibPorts) {
      port.sample(
          dt,
          demand.ibReceiveBytesPerSecond / ports + IB_BACKGROUND_BYTES_PER_SECOND,
          demand.ibTransmitBytesPerSecond / ports + IB_BACKGROUND_BYTES_PER_SECOND,
          rng,
          out);
    }
    return out;
  }
}
