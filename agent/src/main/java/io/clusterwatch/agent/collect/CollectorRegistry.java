package io.clusterwatch.agent.collect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.clusterwatch.common.config.ConfigException;
import io.clusterwatch.common.config.ConfigReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every collector the agent knows, by name, from one explicit list of factories (see {@link
 * DefaultCollectors}). Reads each one's section of {@code collectors} into its own settings record
 * and creates the collectors that are switched on.
 */
public final class CollectorRegistry {
  private final Map<String, CollectorFactory<?>> factories = new LinkedHashMap<>();

  public CollectorRegistry(List<? extends CollectorFactory<?>> factories) {
    for (CollectorFactory<?> f : factories) {
      if (this.factories.putIfAbsent(f.name(), f) != null) {
        throw new IllegalArgumentException("two collector factories named " + f.name());
      }
    }
  }

  /** Names in registration order. */
  public List<String> names() {
    return Collections.unmodifiableList(new ArrayList<>(factories.keySet()));
  }

  /**
   * Reads {@code collectors.<name>} of every registered collector (an absent section gives its
   * defaults), in registration order.
   *
   * @param sections the mapping under {@code collectors}, by collector name
   * @throws ConfigException naming {@code collectors.<name>...} for an unknown collector or a bad
   *     value
   */
  public List<ConfiguredCollector<?>> configure(
      Map<String, JsonNode> sections, ConfigReader reader) {
    for (String name : sections.keySet()) {
      if (!factories.containsKey(name)) {
        throw new ConfigException(
            "collectors." + name,
            "unknown collector (known collectors: " + String.join(", ", factories.keySet()) + ")");
      }
    }
    List<ConfiguredCollector<?>> out = new ArrayList<>();
    for (CollectorFactory<?> f : factories.values()) {
      out.add(configure(f, sections.get(f.name()), reader));
    }
    return out;
  }

  private static <S extends CollectorSettings> ConfiguredCollector<S> configure(
      CollectorFactory<S> factory, JsonNode section, ConfigReader reader) {
    JsonNode node =
        section == null || section.isNull() ? JsonNodeFactory.instance.objectNode() : section;
    return new ConfiguredCollector<>(
        factory, reader.convert(node, "collectors." + factory.name(), factory.settingsType()));
  }

  /**
   * Creates every enabled collector whose hardware is present, in registration order. A factory
   * that fails unexpectedly is logged and skipped so the others still run.
   *
   * @throws IllegalArgumentException when a collector's settings insist on something unusable
   */
  public static List<Collector> createEnabled(
      List<ConfiguredCollector<?>> configured, CollectorContext context) {
    List<Collector> out = new ArrayList<>();
    for (ConfiguredCollector<?> c : configured) {
      if (!c.enabled()) {
        context.log().log(
            System.Logger.Level.INFO,
            "collector {0} is switched off by collectors.{0}.enabled",
            c.name());
        continue;
      }
      try {
        c.create(context).ifPresent(out::add);
      } catch (IllegalArgumentException e) {
        throw e;
      } catch (RuntimeException | LinkageError e) {
        context.log().log(
            System.Logger.Level.WARNING,
            "collector " + c.name() + " could not start and is left out",
            e);
      }
    }
    return out;
  }
}
