package io.clusterwatch.agent.disk;

import io.clusterwatch.agent.collect.Collector;
import io.clusterwatch.agent.collect.CollectorContext;
import io.clusterwatch.agent.collect.CollectorFactory;
import io.clusterwatch.agent.config.DeviceFilter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** {@code collectors.disk}: {@code /proc/diskstats}, see {@link DiskCollector}. */
public final class DiskCollectorFactory implements CollectorFactory {
  static final String NAME = "disk";

  public DiskCollectorFactory() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Optional<Collector> create(CollectorContext context) {
    DeviceFilter filter = context.config().disk();
    if (!filter.enabled()) {
      context.log().log(System.Logger.Level.INFO, "disk collector disabled by collectors.disk.enabled");
      return Optional.empty();
    }
    Path diskstats = context.paths().proc("diskstats");
    if (!Files.isRegularFile(diskstats)) {
      context.log().log(System.Logger.Level.INFO, "disk collector off: " + diskstats + " does not exist");
      return Optional.empty();
    }
    return Optional.of(new DiskCollector(context.paths(), filter, context.log()));
  }
}
