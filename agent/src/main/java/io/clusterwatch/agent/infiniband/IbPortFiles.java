package io.clusterwatch.agent.infiniband;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The text of one port's sysfs files ({@code /sys/class/infiniband/<dev>/ports/<n>/}), trimmed, as
 * read; nothing parsed yet.
 *
 * @param dir the port directory, for error messages
 * @param port the port number, the directory's name
 * @param state {@code state}, e.g. {@code 4: ACTIVE}
 * @param physState {@code phys_state}, e.g. {@code 5: LinkUp}
 * @param rate {@code rate}, e.g. {@code 100 Gb/sec (4X EDR)}
 * @param linkLayer {@code link_layer} ({@code InfiniBand} or {@code Ethernet}), absent before
 *     2.6.37
 * @param counters readable files of {@code counters/} by name
 * @param countersExt readable files of {@code counters_ext/} by name (kernels before 4.5)
 * @param hwCounters readable files of {@code hw_counters/} by name
 */
record IbPortFiles(
    Path dir,
    String port,
    Optional<String> state,
    Optional<String> physState,
    Optional<String> rate,
    Optional<String> linkLayer,
    Map<String, String> counters,
    Map<String, String> countersExt,
    Map<String, String> hwCounters) {
  IbPortFiles {
    counters = Map.copyOf(counters);
    countersExt = Map.copyOf(countersExt);
    hwCounters = Map.copyOf(hwCounters);
  }
}
