package io.clusterwatch.agent.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clusterwatch.agent.host.HostPaths;
import io.clusterwatch.common.config.ConfigException;
import io.clusterwatch.common.config.ConfigReader;
import io.clusterwatch.common.config.RenamedKeys;
import io.clusterwatch.protocol.Sample;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CollectorRegistryTest {
  record Toggle(Boolean enabled) implements CollectorSettings {
    Toggle {
      enabled = java.util.Objects.requireNonNullElse(enabled, true);
    }
  }

  private static CollectorFactory<Toggle> factory(String name, boolean hardwarePresent) {
    return new CollectorFactory<Toggle>() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Class<Toggle> settingsType() {
        return Toggle.class;
      }

      @Override
      public Optional<Collector> create(CollectorContext context, Toggle settings) {
        if (name.equals("broken")) {
          throw new IllegalStateException("cannot start");
        }
        if (!hardwarePresent) {
          return Optional.empty();
        }
        return Optional.of(
            new Collector() {
              @Override
              public String name() {
                return name;
              }

              @Override
              public List<Sample> collect() {
                return List.of();
              }
            });
      }
    };
  }

  private static CollectorContext context() {
    return new CollectorContext(
        new HostPaths(Path.of("/proc"), Path.of("/sys")),
        Clock.systemUTC(),
        "n01",
        System.getLogger("test"));
  }

  private final ConfigReader reader = new ConfigReader(RenamedKeys.none());

  @Test
  void createsTheEnabledCollectorsWithHardwareInOrder() {
    CollectorRegistry registry =
        new CollectorRegistry(
            List.of(
                factory("cpu", true),
                factory("broken", true),
                factory("infiniband", false),
                factory("disk", true),
                factory("gpu", true)));
    assertEquals(List.of("cpu", "broken", "infiniband", "disk", "gpu"), registry.names());
    ObjectNode collectors = reader.tree("gpu: {enabled: false}\ncpu:\n", "agent.yaml");
    Map<String, JsonNode> sections = new LinkedHashMap<>();
    collectors.fields().forEachRemaining(e -> sections.put(e.getKey(), e.getValue()));
    List<String> created =
        CollectorRegistry.createEnabled(registry.configure(sections, reader), context()).stream()
            .map(Collector::name)
            .collect(Collectors.toList());
    assertEquals(List.of("cpu", "disk"), created);
  }

  @Test
  void aSectionOfAnUnregisteredCollectorIsRefusedNamingTheKnownOnes() {
    CollectorRegistry registry =
        new CollectorRegistry(List.of(factory("cpu", true), factory("gpu", true)));
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> registry.configure(Map.of("gpus", reader.tree("enabled: true", "x")), reader));
    assertEquals("collectors.gpus: unknown collector (known collectors: cpu, gpu)", e.getMessage());
  }

  @Test
  void namesAreUnique() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new CollectorRegistry(List.of(factory("cpu", true), factory("cpu", true))));
  }
}
