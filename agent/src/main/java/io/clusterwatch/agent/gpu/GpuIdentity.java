package io.clusterwatch.agent.gpu;

import io.clusterwatch.protocol.Labels;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What names one physical GPU.
 *
 * @param index the driver's index (not stable across reboots; the UUID is)
 * @param uuid {@code GPU-...}
 * @param pciBusId {@code 00000000:1B:00.0}
 * @param model e.g. {@code NVIDIA H100 80GB HBM3}
 * @param minor N of {@code /dev/nvidiaN}, empty when the backend cannot tell
 */
public record GpuIdentity(
    int index, String uuid, String pciBusId, String model, OptionalInt minor) {
  public GpuIdentity {
    Objects.requireNonNull(uuid, "uuid");
    Objects.requireNonNull(pciBusId, "pciBusId");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(minor, "minor");
  }

  /**
   * The labels every series of this GPU carries: {@code gpu}, {@code gpu_uuid}, {@code pci_bus_id}.
   */
  public Labels labels() {
    return Labels.of("gpu", Integer.toString(index), "gpu_uuid", uuid, "pci_bus_id", pciBusId);
  }

  /**
   * The labels of {@code gpu_info}: the common ones plus {@code model} and, when known, {@code
   * minor}.
   */
  public Labels infoLabels() {
    Labels labels = labels().with("model", model);
    return minor.isPresent() ? labels.with("minor", Integer.toString(minor.getAsInt())) : labels;
  }
}
