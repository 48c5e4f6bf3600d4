package io.clusterwatch.agent.network;

import io.clusterwatch.agent.collect.Collector;
import io.clusterwatch.agent.collect.CollectorContext;
import io.clusterwatch.agent.collect.CollectorFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** {@code collectors.network}: {@code /proc/net/dev}, see {@link NetworkCollector}. */
public final class NetworkCollectorFactory implements CollectorFactory<NetworkSettings> {
  static final String NAME = "network";

  public NetworkCollectorFactory() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Class<NetworkSettings> settingsType() {
    return NetworkSettings.class;
  }

  @Override
  public Optional<Collector> create(CollectorContext context, NetworkSettings settings) {
    Path netDev = context.paths().proc("net", "dev");
    if (!Files.isRegularFile(netDev)) {
      context.log().log(
          System.Logger.Level.INFO, "network collector off: " + netDev + " does not exist");
      return Optional.empty();
    }
    return Optional.of(new NetworkCollector(context.paths(), settings.filter()));
  }
}
