package io.clusterwatch.agent.network;

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
import io.clusterwatch.protocol.SeriesKey;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * node_exporter's e2e output cannot be the oracle here: the fixture copy has no proc/net/dev, and
 * the e2e file's node_network_{receive,transmit}_* lines (device lo only, without bytes or packets)
 * do not derive from any file in it. The expected values below are the procfs fixture's eth0 line,
 * named as node_exporter's netdev collector names them.
 */
class NetworkCollectorTest {
  @Test
  void defaultFilterDropsLoopbackAndVirtualInterfacesAndNamesAsNodeExporter() throws Exception {
    List<Sample> samples = collector(NetworkSettings.defaults()).collect();
    Map<SeriesKey, Double> expected = new TreeMap<>();
    String[] names = {
      "receive_bytes",
      "receive_packets",
      "receive_errs",
      "receive_drop",
      "receive_fifo",
      "receive_frame",
      "receive_compressed",
      "receive_multicast",
      "transmit_bytes",
      "transmit_packets",
      "transmit_errs",
      "transmit_drop",
      "transmit_fifo",
      "transmit_colls",
      "transmit_carrier",
      "transmit_compressed"
    };
    double[] eth0 = {874354587, 1036395, 0, 0, 0, 0, 0, 0, 563352563, 732147, 0, 0, 0, 0, 0, 0};
    for (int i = 0; i < names.length; i++) {
      expected.put(
          new SeriesKey("node_network_" + names[i] + "_total", Labels.of("device", "eth0")),
          eth0[i]);
    }
    NodeExporterExpected.assertSameSeries(expected, NodeExporterExpected.asNodeExporter(samples));
    assertTrue(samples.stream().allMatch(s -> s.type() == MetricType.COUNTER && s.scale() == 1.0));
  }

  @Test
  void emptyFilterKeepsEveryInterface() throws Exception {
    List<Sample> samples =
        collector(new NetworkSettings(true, null, java.util.regex.Pattern.compile(""))).collect();
    assertEquals(
        Set.of("vethf345468", "lo", "docker0", "eth0"),
        samples.stream().map(s -> s.labels().get("device")).collect(Collectors.toSet()));
    assertEquals(64, samples.size());
  }

  @Test
  void factoryIsOffWithOneLineWithoutNetDev(@TempDir Path empty) {
    RecordingLogger log = new RecordingLogger();
    HostPaths paths = new HostPaths(empty.resolve("proc"), empty.resolve("sys"));
    assertTrue(
        new NetworkCollectorFactory()
            .create(TestContexts.context(paths, log), NetworkSettings.defaults())
            .isEmpty());
    assertEquals(1, log.lines().size());
    assertEquals("network", new NetworkCollectorFactory().name());
  }

  private static Collector collector(NetworkSettings settings) {
    return new NetworkCollectorFactory()
        .create(TestContexts.context(Fixtures.hostPaths("procfs"), new RecordingLogger()), settings)
        .orElseThrow();
  }
}
