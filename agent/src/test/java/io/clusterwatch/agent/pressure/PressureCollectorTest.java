package io.clusterwatch.agent.pressure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.agent.host.HostPaths;
import io.clusterwatch.agent.testing.Fixtures;
import io.clusterwatch.agent.testing.NodeExporterExpected;
import io.clusterwatch.agent.testing.RecordingLogger;
import io.clusterwatch.agent.testing.TestContexts;
import io.clusterwatch.protocol.MetricType;
import io.clusterwatch.protocol.Sample;
import io.clusterwatch.protocol.SeriesKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PressureCollectorTest {
  static List<Sample> collect(HostPaths paths) throws Exception {
    return new PressureCollectorFactory()
        .create(TestContexts.context(paths, new RecordingLogger()), new PressureSettings(null))
        .orElseThrow()
        .collect();
  }

  /** The cpu and io files are node_exporter's own fixtures; its e2e output has their values. */
  @Test
  void cpuAndIoMatchNodeExportersExpectedOutput() throws Exception {
    NodeExporterExpected expected =
        NodeExporterExpected.load(Fixtures.dir("node_exporter").resolve("e2e-output.txt"));
    SortedMap<SeriesKey, Double> ours =
        NodeExporterExpected.asNodeExporter(collect(Fixtures.hostPaths("cgroups-v2")));
    NodeExporterExpected.assertSameSeries(
        expected.select(
            n -> n.startsWith("node_pressure_cpu_") || n.startsWith("node_pressure_io_")),
        NodeExporterExpected.asNodeExporter(
            collect(Fixtures.hostPaths("cgroups-v2")).stream()
                .filter(s -> !s.metric().startsWith("pressure_memory_"))
                .toList()));
    assertEquals(
        4.862119,
        ours.get(
            new SeriesKey(
                "node_pressure_memory_waiting_seconds_total",
                io.clusterwatch.protocol.Labels.EMPTY)),
        1e-12);
    assertEquals(
        3.105877,
        ours.get(
            new SeriesKey(
                "node_pressure_memory_stalled_seconds_total",
                io.clusterwatch.protocol.Labels.EMPTY)),
        1e-12);
    assertEquals(5, ours.size());
  }

  @Test
  void countersInMicrosecondsScaledToSeconds() throws Exception {
    for (Sample s : collect(Fixtures.hostPaths("cgroups-v2"))) {
      assertEquals(MetricType.COUNTER, s.type());
      assertEquals(1e-6, s.scale());
    }
  }

  /** A kernel without PSI (before 4.20, or psi=0) has no /proc/pressure: no collector, no error. */
  @Test
  void kernelWithoutPsiMeansNoSeries() {
    RecordingLogger log = new RecordingLogger();
    assertTrue(
        new PressureCollectorFactory()
            .create(
                TestContexts.context(Fixtures.hostPaths("cgroups-v1"), log),
                new PressureSettings(null))
            .isEmpty());
    assertEquals(1, log.lines().size());
    assertTrue(log.lines().get(0).message().contains("kernel without PSI"), log.lines().toString());
  }

  /** A resource file missing from /proc/pressure gives no series for that resource only. */
  @Test
  void missingResourceFileIsNoSeries(@TempDir Path root) throws Exception {
    Files.createDirectories(root.resolve("proc/pressure"));
    Files.writeString(
        root.resolve("proc/pressure/cpu"),
        "some avg10=0.00 avg60=0.00 avg300=0.00 total=2000000\n");
    Map<SeriesKey, Double> ours =
        NodeExporterExpected.asNodeExporter(
            collect(new HostPaths(root.resolve("proc"), root.resolve("sys"))));
    assertEquals(
        Map.of(
            new SeriesKey(
                "node_pressure_cpu_waiting_seconds_total", io.clusterwatch.protocol.Labels.EMPTY),
            2.0),
        ours);
  }
}
