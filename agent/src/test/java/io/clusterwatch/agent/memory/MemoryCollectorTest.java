package io.clusterwatch.agent.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.agent.host.HostPaths;
import io.clusterwatch.agent.testing.Fixtures;
import io.clusterwatch.agent.testing.NodeExporterExpected;
import io.clusterwatch.agent.testing.RecordingLogger;
import io.clusterwatch.agent.testing.TestContexts;
import io.clusterwatch.protocol.MetricType;
import io.clusterwatch.protocol.Sample;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryCollectorTest {
  @Test
  void matchesNodeExporterOnItsFixture() throws Exception {
    NodeExporterExpected expected =
        NodeExporterExpected.load(Fixtures.dir("node_exporter").resolve("e2e-output.txt"));
    List<Sample> samples =
        new MemoryCollectorFactory()
            .create(
                TestContexts.context(Fixtures.hostPaths("node_exporter"), new RecordingLogger()),
                new MemorySettings(null))
            .orElseThrow()
            .collect();
    // node_memory_numa_* come from sys/devices/system/node, which this collector does not read.
    NodeExporterExpected.assertSameSeries(
        expected.select(n -> n.startsWith("node_memory_") && !n.startsWith("node_memory_numa_")),
        NodeExporterExpected.asNodeExporter(samples));
    assertTrue(samples.stream().allMatch(s -> s.type() == MetricType.GAUGE));
  }

  @Test
  void factoryIsOffWithOneLineWithoutMeminfo(@TempDir Path empty) {
    RecordingLogger log = new RecordingLogger();
    HostPaths paths = new HostPaths(empty.resolve("proc"), empty.resolve("sys"));
    assertTrue(
        new MemoryCollectorFactory()
            .create(TestContexts.context(paths, log), new MemorySettings(null))
            .isEmpty());
    assertEquals(1, log.lines().size());
    assertEquals("memory", new MemoryCollectorFactory().name());
  }
}
