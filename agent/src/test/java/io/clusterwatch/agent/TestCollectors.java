package io.clusterwatch.agent;

import io.clusterwatch.agent.collect.Collector;
import io.clusterwatch.agent.collect.CollectorContext;
import io.clusterwatch.agent.collect.CollectorFactory;
import io.clusterwatch.agent.collect.CollectorSettings;
import io.clusterwatch.agent.disk.DiskSettings;
import io.clusterwatch.agent.gpu.GpuSettings;
import io.clusterwatch.agent.memory.MemorySettings;
import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.Sample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Small collectors for the entry-point tests: "memory" reads MemTotal under the configured procfs
 * root, "disk" always fails, "gpu" reports one GPU.
 */
final class TestCollectors {
  private TestCollectors() {}

  static List<CollectorFactory<?>> factories() {
    return List.of(
        factory("memory", MemorySettings.class),
        factory("disk", DiskSettings.class),
        factory("gpu", GpuSettings.class));
  }

  /** A test collector read from the real collector's section, so flags and keys work as they do. */
  private static <S extends CollectorSettings> CollectorFactory<S> factory(
      String name, Class<S> settings) {
    return new CollectorFactory<S>() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Class<S> settingsType() {
        return settings;
      }

      @Override
      public Optional<Collector> create(CollectorContext context, S s) {
        return Optional.of(
            new Collector() {
              @Override
              public String name() {
                return name;
              }

              @Override
              public List<Sample> collect() throws IOException {
                switch (name) {
                  case "memory":
                    Path meminfo = context.paths().proc("meminfo");
                    String kb = Files.readAllLines(meminfo).get(0).split("\\s+")[1];
                    return List.of(
                        Sample.gauge(
                            "memory_MemTotal_bytes", Labels.EMPTY, Long.parseLong(kb) * 1024.0));
                  case "gpu":
                    return List.of(
                        Sample.gauge(
                            "gpu_utilization_ratio",
                            Labels.of("gpu", "0", "gpu_uuid", "GPU-1"),
                            0.5));
                  default:
                    throw new IOException("diskstats unreadable");
                }
              }
            });
      }
    };
  }
}
