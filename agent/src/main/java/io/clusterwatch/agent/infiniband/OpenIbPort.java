package io.clusterwatch.agent.infiniband;

import io.clusterwatch.agent.host.AttributeBuffer;
import io.clusterwatch.agent.host.KeptOpenAttribute;
import io.clusterwatch.agent.host.KeptOpenFiles;
import io.clusterwatch.agent.host.SysfsFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One port's sysfs files ({@code <dev>/ports/<n>/}), opened once and read again at each collection
 * into {@link IbPortFiles}. Which counter files there are is fixed while the port exists (the
 * kernel creates a port's attribute groups when the device registers), so the directories are
 * listed only when opening.
 */
final class OpenIbPort {
  private final Path dir;
  private final String port;
  private final Optional<KeptOpenAttribute> state;
  private final Optional<KeptOpenAttribute> physState;
  private final Optional<KeptOpenAttribute> rate;
  private final Optional<KeptOpenAttribute> linkLayer;
  private final List<Counter> counters;
  private final List<Counter> countersExt;
  private final List<Counter> hwCounters;

  private OpenIbPort(Path dir, String port, KeptOpenFiles files) throws IOException {
    this.dir = dir;
    this.port = port;
    this.state = files.open(dir.resolve("state"));
    this.physState = files.open(dir.resolve("phys_state"));
    this.rate = files.open(dir.resolve("rate"));
    this.linkLayer = files.open(dir.resolve("link_layer"));
    this.counters =
        openCounters(files, dir.resolve("counters"), IbCounterNames.COUNTERS::containsKey);
    this.countersExt =
        openCounters(files, dir.resolve("counters_ext"), IbCounterNames.COUNTERS_EXT::containsKey);
    this.hwCounters = openCounters(files, dir.resolve("hw_counters"), file -> true);
  }

  /** The port's files opened into {@code files}, which closes them. */
  static OpenIbPort open(Path dir, String port, KeptOpenFiles files) throws IOException {
    return new OpenIbPort(dir, port, files);
  }

  String port() {
    return port;
  }

  /** The text of every file now; an unreadable counter is left out as {@link InfinibandReader}. */
  IbPortFiles read(AttributeBuffer buffer) throws IOException {
    return new IbPortFiles(
        dir,
        port,
        KeptOpenAttribute.readTrimmed(state, buffer),
        KeptOpenAttribute.readTrimmed(physState, buffer),
        KeptOpenAttribute.readTrimmed(rate, buffer),
        KeptOpenAttribute.readTrimmed(linkLayer, buffer),
        readCounters(counters, buffer),
        readCounters(countersExt, buffer),
        readCounters(hwCounters, buffer));
  }

  /** A counter file kept open, with its name, the key of {@link IbPortFiles}'s maps. */
  private record Counter(String name, KeptOpenAttribute file) {}

  private static List<Counter> openCounters(KeptOpenFiles files, Path dir, Predicate<String> wanted)
      throws IOException {
    List<Counter> open = new ArrayList<>();
    for (String name : SysfsFiles.list(dir)) {
      if (wanted.test(name)) {
        files.openIfReadable(dir.resolve(name)).ifPresent(f -> open.add(new Counter(name, f)));
      }
    }
    return List.copyOf(open);
  }

  private static Map<String, String> readCounters(List<Counter> counters, AttributeBuffer buffer)
      throws IOException {
    Map<String, String> values = new HashMap<>();
    for (Counter counter : counters) {
      Optional<String> text = counter.file().readTrimmedIfReadable(buffer);
      if (text.isPresent()) {
        values.put(counter.name(), text.get());
      }
    }
    return values;
  }
}
