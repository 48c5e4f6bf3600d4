package io.clusterwatch.agent.infiniband;

import io.clusterwatch.agent.host.SysfsFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Reads {@code <sysfs>/class/infiniband} into {@link IbDeviceFiles}: I/O only, no parsing. Counter
 * files are read only when they are known ({@link IbCounterNames}), because each read of a {@code
 * counters/} file sends a MAD to the adapter; {@code hw_counters/} files are all read (the kernel
 * serves them from a cache). A counter file the kernel refuses to read (EACCES, EINVAL, EOPNOTSUPP)
 * is left out, as node_exporter does.
 */
final class InfinibandReader {
  private final Path classDir;

  InfinibandReader(Path classDir) {
    this.classDir = classDir;
  }

  List<IbDeviceFiles> read() throws IOException {
    List<IbDeviceFiles> devices = new ArrayList<>();
    for (String name : SysfsFiles.list(classDir)) {
      devices.add(readDevice(classDir.resolve(name), name));
    }
    return devices;
  }

  private static IbDeviceFiles readDevice(Path dir, String name) throws IOException {
    Path portsDir = dir.resolve("ports");
    List<IbPortFiles> ports = new ArrayList<>();
    for (String port : SysfsFiles.list(portsDir)) {
      ports.add(readPort(portsDir.resolve(port), port));
    }
    ports.sort(
        (a, b) ->
            a.port().length() != b.port().length()
                ? Integer.compare(a.port().length(), b.port().length())
                : a.port().compareTo(b.port()));
    return new IbDeviceFiles(
        dir,
        name,
        SysfsFiles.readTrimmed(dir.resolve("board_id")),
        SysfsFiles.readTrimmed(dir.resolve("fw_ver")),
        SysfsFiles.readTrimmed(dir.resolve("hca_type")),
        ports);
  }

  private static IbPortFiles readPort(Path dir, String port) throws IOException {
    return new IbPortFiles(
        dir,
        port,
        SysfsFiles.readTrimmed(dir.resolve("state")),
        SysfsFiles.readTrimmed(dir.resolve("phys_state")),
        SysfsFiles.readTrimmed(dir.resolve("rate")),
        SysfsFiles.readTrimmed(dir.resolve("link_layer")),
        readCounters(dir.resolve("counters"), IbCounterNames.COUNTERS::containsKey),
        readCounters(dir.resolve("counters_ext"), IbCounterNames.COUNTERS_EXT::containsKey),
        readCounters(dir.resolve("hw_counters"), file -> true));
  }

  private static Map<String, String> readCounters(Path dir, Predicate<String> wanted)
      throws IOException {
    Map<String, String> values = new TreeMap<>();
    for (String file : SysfsFiles.list(dir)) {
      if (wanted.test(file)) {
        Optional<String> text = SysfsFiles.readTrimmedIfReadable(dir.resolve(file));
        text.ifPresent(t -> values.put(file, t));
      }
    }
    return values;
  }
}
