package io.clusterwatch.agent.host;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The roots under which the agent reads procfs and sysfs ({@code /proc} and {@code /sys} on a real
 * node, a fixture tree in tests, the host's mounts inside a container). Collector code never names
 * {@code /proc} or {@code /sys} itself.
 */
public record HostPaths(Path procRoot, Path sysRoot) {
  public HostPaths {
    Objects.requireNonNull(procRoot, "procRoot");
    Objects.requireNonNull(sysRoot, "sysRoot");
  }

  /** {@code proc("net", "dev")} is {@code <procRoot>/net/dev}. */
  public Path proc(String first, String... more) {
    return resolve(procRoot, first, more);
  }

  /** {@code sys("class", "infiniband")} is {@code <sysRoot>/class/infiniband}. */
  public Path sys(String first, String... more) {
    return resolve(sysRoot, first, more);
  }

  private static Path resolve(Path root, String first, String... more) {
    Path p = root.resolve(first);
    for (String m : more) {
      p = p.resolve(m);
    }
    return p;
  }
}
