package io.clusterwatch.agent.infiniband;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The text of one device's sysfs files ({@code /sys/class/infiniband/<dev>/}), trimmed, as read.
 *
 * @param dir the device directory, for error messages
 * @param name the device name, e.g. {@code mlx5_0}
 * @param boardId {@code board_id}
 * @param firmwareVersion {@code fw_ver}
 * @param hcaType {@code hca_type} (absent on hfi1)
 * @param ports the ports, by number
 */
record IbDeviceFiles(
    Path dir,
    String name,
    Optional<String> boardId,
    Optional<String> firmwareVersion,
    Optional<String> hcaType,
    List<IbPortFiles> ports) {
  IbDeviceFiles {
    ports = List.copyOf(ports);
  }
}
