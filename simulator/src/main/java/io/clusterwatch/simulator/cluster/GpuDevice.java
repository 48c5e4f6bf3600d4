package io.clusterwatch.simulator.cluster;

import io.clusterwatch.protocol.Labels;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * One simulated GPU as NVML would identify it.
 *
 * @param index NVML index on its node
 * @param uuid NVML UUID, {@code GPU-} followed by a UUID derived from host and index, so a node
 *     keeps its GPUs' identities across simulator restarts
 * @param pciBusId NVML bus id in the {@code %08X:%02X:%02X.0} form
 * @param minor the {@code /dev/nvidiaN} minor number
 */
record GpuDevice(int index, String uuid, String pciBusId, int minor) {
  /** The PCI buses of the eight SXM GPUs of an HGX H100 board, in NVML index order. */
  private static final int[] HGX_BUSES = {0x18, 0x2A, 0x3A, 0x5D, 0x9A, 0xAB, 0xBA, 0xDB};

  static GpuDevice onHost(String host, int index) {
    UUID uuid =
        UUID.nameUUIDFromBytes(
            ("clusterwatch-sim/" + host + "/gpu/" + index).getBytes(StandardCharsets.UTF_8));
    int bus = HGX_BUSES[index % HGX_BUSES.length] + index / HGX_BUSES.length;
    return new GpuDevice(index, "GPU-" + uuid, String.format("00000000:%02X:00.0", bus), index);
  }

  /** The labels every {@code gpu_*} series carries. */
  Labels labels() {
    return Labels.of("gpu", Integer.toString(index), "gpu_uuid", uuid, "pci_bus_id", pciBusId);
  }

  /** The labels of {@code gpu_info}. */
  Labels infoLabels(String model) {
    return labels().with("model", model).with("minor", Integer.toString(minor));
  }
}
