package io.clusterwatch.agent.infiniband;

import io.clusterwatch.agent.collect.Collector;
import io.clusterwatch.agent.collect.CollectorContext;
import io.clusterwatch.agent.collect.CollectorFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code collectors.infiniband}: {@code /sys/class/infiniband}, see {@link InfinibandCollector}.
 * Off (one INFO line) on nodes without that directory, i.e. without an RDMA driver loaded.
 */
public final class InfinibandCollectorFactory implements CollectorFactory<InfinibandSettings> {
  static final String NAME = "infiniband";

  public InfinibandCollectorFactory() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Class<InfinibandSettings> settingsType() {
    return InfinibandSettings.class;
  }

  @Override
  public Optional<Collector> create(CollectorContext context, InfinibandSettings settings) {
    Path classDir = context.paths().sys("class", "infiniband");
    if (!Files.isDirectory(classDir)) {
      context.log().log(
          System.Logger.Level.INFO, "infiniband collector off: " + classDir + " does not exist");
      return Optional.empty();
    }
    return Optional.of(new InfinibandCollector(context.paths()));
  }
}
