package io.clusterwatch.agent.pressure;

import io.clusterwatch.agent.collect.Collector;
import io.clusterwatch.agent.collect.CollectorContext;
import io.clusterwatch.agent.collect.CollectorFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** {@code collectors.pressure}: {@code /proc/pressure}, see {@link PressureCollector}. */
public final class PressureCollectorFactory implements CollectorFactory<PressureSettings> {
  static final String NAME = "pressure";

  public PressureCollectorFactory() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Class<PressureSettings> settingsType() {
    return PressureSettings.class;
  }

  /**
   * Empty on a kernel without PSI (before 4.20, or booted with {@code psi=0}): no series, no error.
   */
  @Override
  public Optional<Collector> create(CollectorContext context, PressureSettings settings) {
    Path dir = context.paths().proc("pressure");
    if (!Files.isDirectory(dir)) {
      context.log().log(
          System.Logger.Level.INFO,
          "pressure collector off: " + dir + " does not exist (kernel without PSI)");
      return Optional.empty();
    }
    return Optional.of(new PressureCollector(context.paths()));
  }
}
