package io.clusterwatch.agent.cpu;

import io.clusterwatch.agent.collect.Collector;
import io.clusterwatch.agent.collect.CollectorContext;
import io.clusterwatch.agent.collect.CollectorFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** {@code collectors.cpu}: per-CPU time from {@code /proc/stat}, see {@link CpuCollector}. */
public final class CpuCollectorFactory implements CollectorFactory<CpuSettings> {
  static final String NAME = "cpu";

  public CpuCollectorFactory() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Class<CpuSettings> settingsType() {
    return CpuSettings.class;
  }

  @Override
  public Optional<Collector> create(CollectorContext context, CpuSettings settings) {
    Path stat = context.paths().proc("stat");
    if (!Files.isRegularFile(stat)) {
      context.log().log(System.Logger.Level.INFO, "cpu collector off: " + stat + " does not exist");
      return Optional.empty();
    }
    return Optional.of(new CpuCollector(context.paths()));
  }
}
