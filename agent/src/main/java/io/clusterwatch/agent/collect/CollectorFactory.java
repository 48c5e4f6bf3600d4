package io.clusterwatch.agent.collect;

import java.util.Optional;

/**
 * Creates one collector from its own section of the configuration; listed once in {@link
 * DefaultCollectors}, which is all the agent needs to know about it.
 *
 * @param <S> the record of {@code collectors.<name>}
 */
public interface CollectorFactory<S extends CollectorSettings> {
  /** The collector's name and config key ({@code collectors.<name>}). */
  String name();

  /** The record {@code collectors.<name>} is read into. */
  Class<S> settingsType();

  /**
   * The collector, or empty (after one INFO log line) when its hardware or library is absent.
   * Called only when {@code settings.enabled()}.
   *
   * @throws IllegalArgumentException when the hardware or library that the settings insist on
   *     cannot be used, naming the key
   */
  Optional<Collector> create(CollectorContext context, S settings);
}
