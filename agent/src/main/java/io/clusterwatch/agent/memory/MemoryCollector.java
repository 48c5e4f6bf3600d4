package io.clusterwatch.agent.memory;

import io.clusterwatch.agent.collect.Collector;
import io.clusterwatch.agent.host.HostPaths;
import io.clusterwatch.agent.host.KeptOpenProcFile;
import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.Sample;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Every {@code /proc/meminfo} field as a gauge named as node_exporter's {@code meminfo} collector
 * does ({@code memory_MemTotal_bytes}, {@code memory_Active_anon_bytes}, {@code
 * memory_HugePages_Total}, see {@link MeminfoField#metricName()}): kB values times 1024 (KiB,
 * despite the "kB"), unitless page counts as they are. {@code memory_MemAvailable_bytes} is absent
 * on kernels before 3.14.
 */
final class MemoryCollector implements Collector {
  private final KeptOpenProcFile meminfo;

  MemoryCollector(HostPaths paths) {
    this.meminfo = new KeptOpenProcFile(paths.proc("meminfo"));
  }

  @Override
  public String name() {
    return MemoryCollectorFactory.NAME;
  }

  @Override
  public List<Sample> collect() throws IOException {
    List<MeminfoField> fields = MeminfoParser.parse(meminfo.read(), meminfo.path().toString());
    List<Sample> samples = new ArrayList<>(fields.size());
    for (MeminfoField f : fields) {
      samples.add(Sample.gauge(f.metricName(), Labels.EMPTY, f.baseValue()));
    }
    return samples;
  }

  /** Releases the file kept open. */
  @Override
  public void close() {
    meminfo.close();
  }
}
