package io.clusterwatch.agent.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clusterwatch.agent.config.AgentConfig;
import io.clusterwatch.agent.config.CommandLine;
import io.clusterwatch.agent.host.HostPaths;
import io.clusterwatch.protocol.Sample;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CollectorRegistryTest {
  private static CollectorFactory factory(String name, boolean hardwarePresent) {
    return new CollectorFactory() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Optional<Collector> create(CollectorContext context) {
        if (name.equals("broken")) {
          throw new IllegalStateException("cannot start");
        }
        if (!hardwarePresent) {
          return Optional.empty();
        }
        return Optional.of(new Collector() {
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

  private static CollectorContext context(AgentConfig config) {
    return new CollectorContext(
        new HostPaths(Path.of("/proc"), Path.of("/sys")), Clock.systemUTC(), "n01", config,
        System.getLogger("test"));
  }

  @Test
  void createsTheEnabledCollectorsWithHardwareInOrder() {
    CollectorRegistry registry =
        new CollectorRegistry(
            List.of(factory("cpu", true), factory("broken", true), factory("infiniband", false),
                factory("disk", true), factory("gpu", true)));
    assertEquals(List.of("cpu", "broken", "infiniband", "disk", "gpu"), registry.names());
    AgentConfig config = CommandLine.parse("--gpu", "none").applyTo(AgentConfig.defaults());
    List<String> created =
        registry.createEnabled(context(config)).stream().map(Collector::name)
            .collect(Collectors.toList());
    assertEquals(List.of("cpu", "disk"), created);
  }

  @Test
  void namesAreUnique() {
    assertThrows(IllegalArgumentException.class,
        () -> new CollectorRegistry(List.of(factory("cpu", true), factory("cpu", true))));
  }
}
