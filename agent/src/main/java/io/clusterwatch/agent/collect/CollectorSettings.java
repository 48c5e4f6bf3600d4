package io.clusterwatch.agent.collect;

/**
 * A collector's section of the agent's configuration, {@code collectors.<name>}: a record in the
 * collector's own package, read strictly by {@link io.clusterwatch.common.config.ConfigReader}
 * (defaults in its compact constructor, so an absent section is every default).
 */
public interface CollectorSettings {
  /** {@code collectors.<name>.enabled}: whether the collector runs at all. */
  Boolean enabled();
}
