package io.clusterwatch.agent.jobcgroup;

import io.clusterwatch.agent.host.HostPaths;
import io.clusterwatch.agent.host.SysfsFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Block device names for the {@code MAJ:MIN} numbers of cgroup I/O files, so that a job's {@code
 * device} label is the same {@code nvme0n1} as the node's {@code disk_*} series: the {@code
 * DEVNAME} of {@code <sysfs>/dev/block/MAJ:MIN/uevent}. A number without a sysfs entry keeps its
 * {@code MAJ:MIN}. Names found are remembered: a device number names one device while it exists.
 */
final class DeviceNames {
  /** More distinct devices than this means something is wrong; the cache starts over. */
  private static final int MAX_CACHED = 4096;

  private final Path devBlock;
  private final Map<String, String> names = new HashMap<>();

  DeviceNames(HostPaths paths) {
    this.devBlock = paths.sys("dev", "block");
  }

  String name(String majMin) {
    String known = names.get(majMin);
    if (known != null) {
      return known;
    }
    Optional<String> name = devName(majMin);
    if (name.isEmpty()) {
      return majMin; // not cached: the device may show up in sysfs later
    }
    if (names.size() >= MAX_CACHED) {
      names.clear();
    }
    names.put(majMin, name.get());
    return name.get();
  }

  private Optional<String> devName(String majMin) {
    try {
      Optional<String> uevent = SysfsFiles.readTrimmed(devBlock.resolve(majMin).resolve("uevent"));
      if (uevent.isEmpty()) {
        return Optional.empty();
      }
      for (String line : uevent.get().split("\n")) {
        if (line.startsWith("DEVNAME=") && line.length() > "DEVNAME=".length()) {
          return Optional.of(line.substring("DEVNAME=".length()).strip());
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
