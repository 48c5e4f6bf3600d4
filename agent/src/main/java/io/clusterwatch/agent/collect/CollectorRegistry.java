package io.clusterwatch.agent.collect;

import io.clusterwatch.agent.config.AgentConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every collector the agent knows, by name, from one explicit list of factories (see {@link
 * DefaultCollectors}). Creates the collectors the configuration switches on.
 */
public final class CollectorRegistry {
  private final Map<String, CollectorFactory> factories = new LinkedHashMap<>();

  public CollectorRegistry(List<CollectorFactory> factories) {
    for (CollectorFactory f : factories) {
      if (this.factories.putIfAbsent(f.name(), f) != null) {
        throw new IllegalArgumentException("two collector factories named " + f.name());
      }
    }
  }

  /** Names in registration order. */
  public List<String> names() {
    return Collections.unmodifiableList(new ArrayList<>(factories.keySet()));
  }

  public Optional<CollectorFactory> factory(String name) {
    return Optional.ofNullable(factories.get(name));
  }

  /** Whether {@code collectors.<name>.enabled} is on; a collector without a config key is on. */
  public static boolean enabled(AgentConfig config, String name) {
    switch (name) {
      case "cpu":
        return config.cpu().enabled();
      case "memory":
        return config.memory().enabled();
      case "disk":
        return config.disk().enabled();
      case "network":
        return config.network().enabled();
      case "infiniband":
        return config.infiniband().enabled();
      case "gpu":
        return config.gpu().enabled() && !"none".equals(config.gpu().backend());
      default:
        return true;
    }
  }

  /**
   * Creates every enabled collector whose hardware is present, in registration order. A factory
   * that fails unexpectedly is logged and skipped so the others still run.
   *
   * @throws IllegalArgumentException when a collector's configuration is unusable
   */
  public List<Collector> createEnabled(CollectorContext context) {
    List<Collector> out = new ArrayList<>();
    for (CollectorFactory f : factories.values()) {
      if (!enabled(context.config(), f.name())) {
        context.log().log(System.Logger.Level.DEBUG, "collector {0} is switched off", f.name());
        continue;
      }
      try {
        f.create(context).ifPresent(out::add);
      } catch (IllegalArgumentException e) {
        throw e;
      } catch (RuntimeException | LinkageError e) {
        context.log().log(System.Logger.Level.WARNING,
            "collector " + f.name() + " could not start and is left out", e);
      }
    }
    return out;
  }
}
