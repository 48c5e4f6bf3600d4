package io.clusterwatch.agent.disk;

import io.clusterwatch.agent.collect.Collector;
import io.clusterwatch.agent.collect.CollectorContext;
import io.clusterwatch.agent.collect.CollectorFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** {@code collectors.disk}: {@code /proc/diskstats}, see {@link DiskCollector}. */
public final class DiskCollectorFactory implements CollectorFactory<DiskSettings> {
  static final String NAME = "disk";

  public DiskCollectorFactory() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Class<DiskSettings> settingsType() {
    return DiskSettings.class;
  }

  @Override
  public Optional<Collector> create(CollectorContext context, DiskSettings settings) {
    Path diskstats = context.paths().proc("diskstats");
    if (!Files.isRegularFile(diskstats)) {
      context.log().log(
          System.Logger.Level.INFO, "disk collector off: " + diskstats + " does not exist");
      return Optional.empty();
    }
    return Optional.of(new DiskCollector(context.paths(), settings, context.log()));
  }
}
