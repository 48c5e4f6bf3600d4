package io.clusterwatch.agent.memory;

import io.clusterwatch.agent.collect.Collector;
import io.clusterwatch.agent.collect.CollectorContext;
import io.clusterwatch.agent.collect.CollectorFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** {@code collectors.memory}: {@code /proc/meminfo}, see {@link MemoryCollector}. */
public final class MemoryCollectorFactory implements CollectorFactory<MemorySettings> {
  static final String NAME = "memory";

  public MemoryCollectorFactory() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Class<MemorySettings> settingsType() {
    return MemorySettings.class;
  }

  @Override
  public Optional<Collector> create(CollectorContext context, MemorySettings settings) {
    Path meminfo = context.paths().proc("meminfo");
    if (!Files.isRegularFile(meminfo)) {
      context.log().log(
          System.Logger.Level.INFO, "memory collector off: " + meminfo + " does not exist");
      return Optional.empty();
    }
    return Optional.of(new MemoryCollector(context.paths()));
  }
}
