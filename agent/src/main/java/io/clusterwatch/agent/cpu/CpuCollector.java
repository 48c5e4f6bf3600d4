package io.clusterwatch.agent.cpu;

import io.clusterwatch.agent.collect.Collector;
import io.clusterwatch.agent.host.HostPaths;
import io.clusterwatch.agent.host.KeptOpenProcFile;
import io.clusterwatch.agent.host.TickCache;
import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.Sample;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU time per CPU and mode from {@code /proc/stat}, as node_exporter's {@code cpu} collector:
 * {@code cpu_seconds_total{cpu,mode}} for user, nice, system, idle, iowait, irq, softirq and steal,
 * and {@code cpu_guest_seconds_total{cpu,mode=user|nice}} for guest and guest_nice. Values travel
 * as raw USER_HZ ticks with scale 0.01: USER_HZ, the unit of {@code /proc/stat}, is 100 on every
 * Linux architecture this agent runs on (x86-64, arm64, ppc64le), whatever the kernel's internal
 * HZ.
 *
 * <p>Guest time is already included in user and nice (kernel {@code account_guest_time}), so the
 * modes of {@code cpu_seconds_total} sum to the CPU's total without the guest family. Modes a
 * kernel does not print (steal before 2.6.11, guest before 2.6.24) are absent, never zero. iowait
 * may go backwards (kernel {@code proc.rst}); the value is sent as read and the hub treats a
 * decrease as a counter reset.
 */
final class CpuCollector implements Collector {
  /** USER_HZ ticks to seconds. */
  static final double SECONDS_PER_TICK = 0.01;

  private static final String[] MODES = {
    "user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal"
  };
  private static final String[] GUEST_MODES = {"user", "nice"};

  private final KeptOpenProcFile stat;

  /** Per CPU, the labels of each column (mode). */
  private final TickCache<String, Labels[]> cpuLabels = new TickCache<>();

  CpuCollector(HostPaths paths) {
    this.stat = new KeptOpenProcFile(paths.proc("stat"));
  }

  private static Labels[] labelsOf(String cpu) {
    Labels[] labels = new Labels[ProcStatParser.MAX_COLUMNS];
    for (int c = 0; c < labels.length; c++) {
      String mode = c < MODES.length ? MODES[c] : GUEST_MODES[c - MODES.length];
      labels[c] = Labels.of("cpu", cpu, "mode", mode);
    }
    return labels;
  }

  @Override
  public String name() {
    return CpuCollectorFactory.NAME;
  }

  @Override
  public List<Sample> collect() throws IOException {
    List<CpuTimes> cpus = ProcStatParser.parse(stat.read(), stat.path().toString());
    List<Sample> samples = new ArrayList<>(cpus.size() * ProcStatParser.MAX_COLUMNS);
    for (CpuTimes cpu : cpus) {
      Labels[] labels = cpuLabels.get(cpu.cpu(), CpuCollector::labelsOf);
      for (int c = 0; c < cpu.columns(); c++) {
        String metric = c < MODES.length ? "cpu_seconds_total" : "cpu_guest_seconds_total";
        samples.add(Sample.counter(metric, labels[c], cpu.tick(c), SECONDS_PER_TICK));
      }
    }
    cpuLabels.endCollection();
    return samples;
  }

  /** Releases the file kept open. */
  @Override
  public void close() {
    stat.close();
  }
}
