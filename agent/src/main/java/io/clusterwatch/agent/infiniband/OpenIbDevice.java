package io.clusterwatch.agent.infiniband;

import io.clusterwatch.agent.host.AttributeBuffer;
import io.clusterwatch.agent.host.KeptOpenAttribute;
import io.clusterwatch.agent.host.KeptOpenFiles;
import io.clusterwatch.agent.host.SysfsFiles;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One device's sysfs files ({@code /sys/class/infiniband/<dev>/} and its ports), opened once and
 * read again at each collection into {@link IbDeviceFiles}. {@code identity} is the device
 * directory's file key when opened: a device registered anew under the same name (driver reload)
 * has a new directory, so the owner can tell the two apart.
 */
final class OpenIbDevice implements Closeable {
  private final Path dir;
  private final String name;
  private final Object identity;
  private final KeptOpenFiles files;
  private final Optional<KeptOpenAttribute> boardId;
  private final Optional<KeptOpenAttribute> firmwareVersion;
  private final Optional<KeptOpenAttribute> hcaType;
  private final List<OpenIbPort> ports;

  private OpenIbDevice(Path dir, String name, Object identity, KeptOpenFiles files)
      throws IOException {
    this.dir = dir;
    this.name = name;
    this.identity = identity;
    this.files = files;
    this.boardId = files.open(dir.resolve("board_id"));
    this.firmwareVersion = files.open(dir.resolve("fw_ver"));
    this.hcaType = files.open(dir.resolve("hca_type"));
    Path portsDir = dir.resolve("ports");
    List<OpenIbPort> open = new ArrayList<>();
    for (String port : SysfsFiles.list(portsDir)) {
      open.add(OpenIbPort.open(portsDir.resolve(port), port, files));
    }
    open.sort(
        (a, b) ->
            a.port().length() != b.port().length()
                ? Integer.compare(a.port().length(), b.port().length())
                : a.port().compareTo(b.port()));
    this.ports = List.copyOf(open);
  }

  /**
   * The device's files opened; none stays open when opening one fails.
   *
   * @param identity the device directory's file key, or null where there is none
   */
  static OpenIbDevice open(Path dir, String name, Object identity) throws IOException {
    KeptOpenFiles files = new KeptOpenFiles();
    try {
      return new OpenIbDevice(dir, name, identity, files);
    } catch (IOException | RuntimeException e) {
      files.close();
      throw e;
    }
  }

  Object identity() {
    return identity;
  }

  /** How many files this device holds open. */
  int openFiles() {
    return files.size();
  }

  /** The text of every file now. */
  IbDeviceFiles read(AttributeBuffer buffer) throws IOException {
    List<IbPortFiles> read = new ArrayList<>(ports.size());
    for (OpenIbPort port : ports) {
      read.add(port.read(buffer));
    }
    return new IbDeviceFiles(
        dir,
        name,
        KeptOpenAttribute.readTrimmed(boardId, buffer),
        KeptOpenAttribute.readTrimmed(firmwareVersion, buffer),
        KeptOpenAttribute.readTrimmed(hcaType, buffer),
        read);
  }

  @Override
  public void close() {
    files.close();
  }
}
