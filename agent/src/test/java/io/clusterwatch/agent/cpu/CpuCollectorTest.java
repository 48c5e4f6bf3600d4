package io.clusterwatch.agent.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.agent.collect.Collector;
import io.clusterwatch.agent.host.HostPaths;
import io.clusterwatch.agent.testing.Fixtures;
import io.clusterwatch.agent.testing.NodeExporterExpected;
import io.clusterwatch.agent.testing.RecordingLogger;
import io.clusterwatch.agent.testing.TestContexts;
import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.MetricType;
import io.clusterwatch.protocol.Sample;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuCollectorTest {
  @Test
  void matchesNodeExporterOnItsFixture() throws Exception {
    NodeExporterExpected expected =
        NodeExporterExpected.load(Fixtures.dir("node_exporter").resolve("e2e-output.txt"));
    Collector collector =
        new CpuCollectorFactory()
            .create(
                TestContexts.context(Fixtures.hostPaths("node_exporter"), new RecordingLogger()),
                new CpuSettings(null))
            .orElseThrow();
    List<Sample> samples = collector.collect();

    // node_cpu_info, frequency, throttles, scaling_*, isolated, bug/flag/vulnerabilities come from
    // /proc/cpuinfo and /sys/devices/system/cpu, which this collector does not read.
    NodeExporterExpected.assertSameSeries(
        expected.select(
            n -> n.equals("node_cpu_seconds_total") || n.equals("node_cpu_guest_seconds_total")),
        NodeExporterExpected.asNodeExporter(samples));
    assertEquals(80, samples.size());
  }

  @Test
  void countersTravelAsRawTicksWithScaleOneHundredth() throws Exception {
    List<Sample> samples = new CpuCollector(Fixtures.hostPaths("node_exporter")).collect();
    Sample idle =
        samples.stream()
            .filter(
                s ->
                    s.metric().equals("cpu_seconds_total")
                        && s.labels().equals(Labels.of("cpu", "1", "mode", "idle")))
            .findFirst()
            .orElseThrow();
    assertEquals(MetricType.COUNTER, idle.type());
    assertEquals(1110787L, idle.counterValue());
    assertEquals(0.01, idle.scale());
  }

  @Test
  void factoryIsOffWithOneLineWithoutProcStat(@TempDir Path empty) {
    RecordingLogger log = new RecordingLogger();
    HostPaths paths = new HostPaths(empty.resolve("proc"), empty.resolve("sys"));
    assertTrue(
        new CpuCollectorFactory()
            .create(TestContexts.context(paths, log), new CpuSettings(null))
            .isEmpty());
    assertEquals(1, log.lines().size());
    assertEquals(System.Logger.Level.INFO, log.lines().get(0).level());
    assertEquals("cpu", new CpuCollectorFactory().name());
  }
}
