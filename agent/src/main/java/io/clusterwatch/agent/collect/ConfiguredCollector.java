package io.clusterwatch.agent.collect;

import java.util.Optional;

/** One registered collector with its settings read from {@code collectors.<name>}. */
public record ConfiguredCollector<S extends CollectorSettings>(
    CollectorFactory<S> factory, S settings) {
  public String name() {
    return factory.name();
  }

  public boolean enabled() {
    return settings.enabled();
  }

  Optional<Collector> create(CollectorContext context) {
    return factory.create(context, settings);
  }
}
