package io.clusterwatch.agent.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clusterwatch.agent.collect.CollectorRegistry;
import io.clusterwatch.agent.collect.ConfiguredCollector;
import io.clusterwatch.common.config.ConfigException;
import io.clusterwatch.common.config.ConfigReader;
import io.clusterwatch.common.config.RenamedKeys;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reads the agent's YAML file strictly into {@link AgentConfig} and each collector's section into
 * its own record; an old key's error names its new spelling.
 */
public final class AgentConfigReader {
  /** Keys of earlier releases, by full path, with what to write instead. */
  static final RenamedKeys RENAMED =
      RenamedKeys.of(Map.of("hub.buffer_bytes", "hub.buffer_size (a byte size, e.g. 32MiB)"));

  private final ConfigReader reader = new ConfigReader(RENAMED);

  /** The file's tree, or an empty one when there is no file; flags are laid over it. */
  public ObjectNode tree(Path file) {
    return file == null ? reader.tree("", "defaults") : reader.tree(file);
  }

  /**
   * {@code text} as a whole configuration, for tests and tools; {@code source} names it in errors.
   */
  public Configured read(String text, String source, CollectorRegistry collectors) {
    return bind(reader.tree(text, source), source, collectors);
  }

  /**
   * Binds a (possibly flag-edited) tree.
   *
   * @throws ConfigException naming {@code source} and the key
   */
  public Configured bind(ObjectNode tree, String source, CollectorRegistry collectors) {
    AgentConfig config = reader.bind(tree, source, AgentConfig.class);
    try {
      return new Configured(config, collectors.configure(config.collectors(), reader));
    } catch (ConfigException e) {
      throw e.from(source);
    }
  }

  /** The configuration with every registered collector's settings. */
  public record Configured(AgentConfig config, List<ConfiguredCollector<?>> collectors) {
    public Configured {
      collectors = List.copyOf(collectors);
    }

    /** The settings of collector {@code name}, as the record {@code type}. */
    public <S> S collector(String name, Class<S> type) {
      for (ConfiguredCollector<?> c : collectors) {
        if (c.name().equals(name)) {
          return type.cast(c.settings());
        }
      }
      throw new IllegalArgumentException("no collector named " + name);
    }
  }
}
