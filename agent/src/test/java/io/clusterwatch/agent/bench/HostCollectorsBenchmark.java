package io.clusterwatch.agent.bench;

import io.clusterwatch.agent.collect.Collector;
import io.clusterwatch.agent.collect.CollectorFactory;
import io.clusterwatch.agent.collect.CollectorRegistry;
import io.clusterwatch.agent.cpu.CpuCollectorFactory;
import io.clusterwatch.agent.disk.DiskCollectorFactory;
import io.clusterwatch.agent.infiniband.InfinibandCollectorFactory;
import io.clusterwatch.agent.memory.MemoryCollectorFactory;
import io.clusterwatch.agent.network.NetworkCollectorFactory;
import io.clusterwatch.agent.testing.Fixtures;
import io.clusterwatch.agent.testing.RecordingLogger;
import io.clusterwatch.agent.testing.TestContexts;
import io.clusterwatch.common.config.ConfigReader;
import io.clusterwatch.common.config.RenamedKeys;
import io.clusterwatch.protocol.Sample;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One {@code collect()} of each host collector over the fixture trees (files in the page cache, so
 * this is the parsing and sample-building cost, not the kernel's cost of producing procfs text or
 * an adapter's MAD round trip for IB counters). Run: see docs/benchmarks/agent-host.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HostCollectorsBenchmark {
  @Param({"cpu", "memory", "disk", "network", "infiniband"})
  public String collector;

  private Collector target;

  @Setup
  public void setUp() {
    CollectorFactory<?> factory;
    String set;
    switch (collector) {
      case "cpu" -> {
        factory = new CpuCollectorFactory();
        set = "node_exporter";
      }
      case "memory" -> {
        factory = new MemoryCollectorFactory();
        set = "node_exporter";
      }
      case "disk" -> {
        factory = new DiskCollectorFactory();
        set = "procfs";
      }
      case "network" -> {
        factory = new NetworkCollectorFactory();
        set = "procfs";
      }
      default -> {
        factory = new InfinibandCollectorFactory();
        set = "procfs";
      }
    }
    target =
        CollectorRegistry.createEnabled(
                new CollectorRegistry(List.of(factory))
                    .configure(java.util.Map.of(), new ConfigReader(RenamedKeys.none())),
                TestContexts.context(Fixtures.hostPaths(set), new RecordingLogger()))
            .get(0);
  }

  @Benchmark
  public List<Sample> collect() throws IOException {
    return target.collect();
  }
}
