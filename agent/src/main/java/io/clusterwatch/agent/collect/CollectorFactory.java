package io.clusterwatch.agent.collect;

import java.util.Optional;

/** Creates one collector; registered by name in {@link CollectorRegistry}. */
public interface CollectorFactory {
  /** The collector's name and config key. */
  String name();

  /**
   * The collector, or empty (after one INFO log line) when its hardware or library is absent.
   *
   * @throws IllegalArgumentException when its configuration is unusable, naming the key
   */
  Optional<Collector> create(CollectorContext context);
}
