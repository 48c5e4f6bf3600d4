package io.clusterwatch.simulator.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * What one simulated node is built of: an HGX H100 style server with eight GPUs, two NDR InfiniBand
 * ports, two NVMe disks (system and scratch) and one Ethernet port.
 *
 * @param host node name
 * @param gpuModel NVML device name
 * @param gpus the GPUs in NVML index order
 * @param cpuCount logical CPUs; Slurm hands out {@code cpuCount / gpus.size()} cores per GPU
 * @param memTotalBytes MemTotal
 * @param systemDisk the OS disk (logs only)
 * @param scratchDisk the local scratch disk that datasets and checkpoints go to
 * @param ethDevice the management Ethernet interface
 * @param ibPorts InfiniBand ports
 */
record NodeHardware(
    String host,
    String gpuModel,
    List<GpuDevice> gpus,
    int cpuCount,
    long memTotalBytes,
    String systemDisk,
    String scratchDisk,
    String ethDevice,
    List<IbPort> ibPorts) {

  static final String H100_MODEL = "NVIDIA H100 80GB HBM3";

  /** H100 80GB HBM3 as NVML reports it: 81559 MiB total. */
  static final long H100_MEMORY_TOTAL_BYTES = 81559L * 1024 * 1024;

  /** Driver-reserved memory, outside both used and free in nvmlMemory_v2_t. */
  static final long H100_MEMORY_RESERVED_BYTES = 479L * 1024 * 1024;

  /** 400 Gb/s NDR: 400e9 / 8 bytes per second, the way procfs converts the sysfs {@code rate}. */
  static final double NDR_RATE_BYTES_PER_SECOND = 5e10;

  record IbPort(String device, int port) {}

  NodeHardware {
    gpus = List.copyOf(gpus);
    ibPorts = List.copyOf(ibPorts);
    if (gpus.isEmpty() || cpuCount % gpus.size() != 0) {
      throw new IllegalArgumentException("cpu count must be a multiple of the GPU count");
    }
  }

  /** The standard simulated node: 8 x H100, 32 logical CPUs, 1 TiB memory. */
  static NodeHardware standard(String host) {
    List<GpuDevice> gpus = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      gpus.add(GpuDevice.onHost(host, i));
    }
    return new NodeHardware(
        host,
        H100_MODEL,
        gpus,
        32,
        1024L * 1024 * 1024 * 1024,
        "nvme0n1",
        "nvme1n1",
        "eth0",
        List.of(new IbPort("mlx5_0", 1), new IbPort("mlx5_1", 1)));
  }

  int coresPerGpu() {
    return cpuCount / gpus.size();
  }

  /** The GPU with this UUID, or null. */
  GpuDevice gpuByUuid(String uuid) {
    for (GpuDevice g : gpus) {
      if (g.uuid().equals(uuid)) {
        return g;
      }
    }
    return null;
  }
}
