package io.clusterwatch.agent.jobs;

import java.util.List;
import java.util.Objects;

/**
 * One GPU of this node as NVML names it.
 *
 * @param index NVML index (PCI bus order)
 * @param uuid NVML UUID, {@code GPU-...}
 * @param pciBusId PCI bus id as NVML prints it, e.g. {@code 00000000:3B:00.0}
 * @param minor device minor number, the {@code N} of {@code /dev/nvidiaN}
 * @param migUuids UUIDs of its MIG devices ({@code MIG-...}), empty when MIG is off
 */
public record GpuDevice(int index, String uuid, String pciBusId, int minor, List<String> migUuids) {
  public GpuDevice {
    Objects.requireNonNull(uuid, "uuid");
    Objects.requireNonNull(pciBusId, "pciBusId");
    migUuids = List.copyOf(migUuids);
  }
}
