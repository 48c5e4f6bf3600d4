package io.clusterwatch.agent.pressure;

import io.clusterwatch.agent.collect.Collector;
import io.clusterwatch.agent.host.HostPaths;
import io.clusterwatch.agent.host.SysfsFiles;
import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.Sample;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The node's pressure stall information under node_exporter's {@code pressure} collector names
 * (1.5): {@code pressure_cpu_waiting_seconds_total} ({@code cpu} some), {@code
 * pressure_io_waiting_seconds_total} / {@code pressure_io_stalled_seconds_total} ({@code io} some /
 * full), {@code pressure_memory_waiting_seconds_total} / {@code
 * pressure_memory_stalled_seconds_total} ({@code memory} some / full). Counters in the kernel's
 * microseconds, scale 1e-6 to seconds. node_exporter 1.5 has no name for {@code cpu} full, so
 * neither do we. A resource file that is missing (PSI switched off while running, or a kernel with
 * only some of them) gives no series.
 */
final class PressureCollector implements Collector {
  static final double MICROS = 1e-6;

  private final Path cpu;
  private final Path io;
  private final Path memory;

  PressureCollector(HostPaths paths) {
    this.cpu = paths.proc("pressure", "cpu");
    this.io = paths.proc("pressure", "io");
    this.memory = paths.proc("pressure", "memory");
  }

  @Override
  public String name() {
    return PressureCollectorFactory.NAME;
  }

  @Override
  public List<Sample> collect() throws IOException {
    List<Sample> out = new ArrayList<>(5);
    PressureTotals c = read(cpu);
    if (c != null) {
      out.add(
          Sample.counter(
              "pressure_cpu_waiting_seconds_total", Labels.EMPTY, c.someMicros(), MICROS));
    }
    add(out, read(io), "io");
    add(out, read(memory), "memory");
    return out;
  }

  private static void add(List<Sample> out, PressureTotals t, String resource) {
    if (t == null) {
      return;
    }
    out.add(
        Sample.counter(
            "pressure_" + resource + "_waiting_seconds_total",
            Labels.EMPTY,
            t.someMicros(),
            MICROS));
    t.fullMicros()
        .ifPresent(
            full ->
                out.add(
                    Sample.counter(
                        "pressure_" + resource + "_stalled_seconds_total",
                        Labels.EMPTY,
                        full,
                        MICROS)));
  }

  private static PressureTotals read(Path file) throws IOException {
    Optional<String> text = SysfsFiles.readTrimmed(file);
    return text.isEmpty() ? null : PressureParser.parse(text.get(), file.toString());
  }
}
