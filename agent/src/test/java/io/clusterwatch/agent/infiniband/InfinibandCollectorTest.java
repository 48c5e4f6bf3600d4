package io.clusterwatch.agent.infiniband;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.agent.collect.Collector;
import io.clusterwatch.agent.host.HostFileFormatException;
import io.clusterwatch.agent.host.HostPaths;
import io.clusterwatch.agent.testing.Fixtures;
import io.clusterwatch.agent.testing.NodeExporterExpected;
import io.clusterwatch.agent.testing.RecordingLogger;
import io.clusterwatch.agent.testing.TestContexts;
import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.Sample;
import io.clusterwatch.protocol.SeriesKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfinibandCollectorTest {
  private static List<Sample> collect(String set) throws Exception {
    Collector collector =
        new InfinibandCollectorFactory()
            .create(
                TestContexts.context(Fixtures.hostPaths(set), new RecordingLogger()),
                new InfinibandSettings(null))
            .orElseThrow();
    return collector.collect();
  }

  @Test
  void matchesNodeExporterOnItsFixture() throws Exception {
    NodeExporterExpected expected =
        NodeExporterExpected.load(Fixtures.dir("node_exporter").resolve("e2e-output.txt"));
    Map<SeriesKey, Double> ours = NodeExporterExpected.asNodeExporter(collect("node_exporter"));
    // infiniband_port_info{link_layer} is our own family; everything else is node_exporter's.
    NodeExporterExpected.assertSameSeries(
        expected.family("node_infiniband_"),
        ours.entrySet().stream()
            .filter(e -> !e.getKey().metric().equals("node_infiniband_port_info"))
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    assertEquals(
        1.0,
        ours.get(
            new SeriesKey(
                "node_infiniband_port_info",
                Labels.of("device", "mlx4_0", "port", "2", "link_layer", "InfiniBand"))));
  }

  @Test
  void noPmaPortHasOnlyStateRateAndInfo() throws Exception {
    Set<String> metrics =
        collect("node_exporter").stream()
            .filter(s -> "i40iw0".equals(s.labels().get("device")))
            .map(Sample::metric)
            .collect(Collectors.toSet());
    assertEquals(
        Set.of(
            "infiniband_info",
            "infiniband_state_id",
            "infiniband_physical_state_id",
            "infiniband_rate_bytes_per_second",
            "infiniband_port_info"),
        metrics);
  }

  @Test
  void mlx4CountersExtAndSaturated32BitXmitWait() throws Exception {
    List<Sample> samples = collect("node_exporter");
    Labels port1 = Labels.of("device", "mlx4_0", "port", "1");
    // counters_ext/port_rcv_data_64 = 4631917 words
    Sample legacy = find(samples, "infiniband_legacy_data_received_bytes_total", port1);
    assertEquals(4631917L, legacy.counterValue());
    assertEquals(4.0, legacy.scale());
    // counters/port_xmit_wait = 4294967295: saturated, sent as it is
    assertEquals(
        4294967295L, find(samples, "infiniband_port_transmit_wait_total", port1).counterValue());
    // counters/port_rcv_packets = 6825908347 > 2^32
    assertEquals(
        6825908347L, find(samples, "infiniband_port_packets_received_total", port1).counterValue());
  }

  @Test
  void procfsFixtureMlx5HwCountersAnd64BitData() throws Exception {
    List<Sample> samples = collect("procfs");
    Labels mlx5 = Labels.of("device", "mlx5_0", "port", "1");
    Sample xmit = find(samples, "infiniband_port_data_transmitted_bytes_total", mlx5);
    assertEquals(2880761508848L, xmit.counterValue());
    assertEquals(2880761508848.0 * 4, xmit.doubleValue());
    Map<String, Long> hw =
        Map.of(
            "infiniband_duplicate_requests_packets_total", 41L,
            "infiniband_local_ack_timeout_errors_total", 131L,
            "infiniband_out_of_sequence_packets_received_total", 1L,
            "infiniband_packet_sequence_errors_total", 1L,
            "infiniband_req_cqes_errors_total", 3481L,
            "infiniband_req_cqes_flush_errors_total", 80L,
            "infiniband_resp_cqes_errors_total", 8109L,
            "infiniband_resp_cqes_flush_errors_total", 4708L,
            "infiniband_roce_adp_retransmits_total", 99L,
            "infiniband_rx_read_requests_total", 175528982L);
    hw.forEach(
        (metric, value) -> assertEquals(value, find(samples, metric, mlx5).counterValue(), metric));
    assertEquals(
        4L, find(samples, "infiniband_roce_adp_retransmits_timeout_total", mlx5).counterValue());
    assertEquals(
        131L, find(samples, "infiniband_roce_slow_restart_cnps_total", mlx5).counterValue());
    // every mlx5 hw_counter file except lifespan has a node_exporter name
    assertTrue(samples.stream().noneMatch(s -> s.metric().equals("infiniband_hw_counter_total")));
    long hwSeries =
        samples.stream()
            .filter(
                s ->
                    mlx5.equals(s.labels())
                        && IbCounterNames.HW_COUNTERS.values().stream()
                            .anyMatch(c -> c.metric().equals(s.metric())))
            .count();
    assertEquals(24, hwSeries);
    // the procfs quirk: mlx5 phys_state reads "4: ACTIVE"
    assertEquals(4.0, find(samples, "infiniband_physical_state_id", mlx5).gaugeValue());
    assertEquals(3.125e9, find(samples, "infiniband_rate_bytes_per_second", mlx5).gaugeValue());
  }

  @Test
  void procfsFixtureInfoAndPortInfo() throws Exception {
    List<Sample> samples = collect("procfs");
    // hfi1_0 has no hca_type file
    assertNotNull(
        find(
            samples,
            "infiniband_info",
            Labels.of(
                "device",
                "hfi1_0",
                "board_id",
                "HPE 100Gb 1-port OP101 QSFP28 x16 PCIe Gen3 with Intel Omni-Path Adapter",
                "firmware_version",
                "1.27.0")));
    // mlx4_0 port 2 link_layer has a trailing blank line
    assertNotNull(
        find(
            samples,
            "infiniband_port_info",
            Labels.of("device", "mlx4_0", "port", "2", "link_layer", "InfiniBand")));
    // hfi1: 32-bit-looking names but 64-bit values; 345091702026 words received
    assertEquals(
        345091702026L * 4,
        find(
                samples,
                "infiniband_port_data_received_bytes_total",
                Labels.of("device", "hfi1_0", "port", "1"))
            .doubleValue());
    assertEquals(
        0L,
        find(samples, "infiniband_vl15_dropped_total", Labels.of("device", "hfi1_0", "port", "1"))
            .counterValue());
  }

  @Test
  void followsClassSymlinksAsOnARealSysfs(@TempDir Path sys) throws Exception {
    // On a real node /sys/class/infiniband/mlx5_0 is a symlink into /sys/devices.
    Path source = Fixtures.dir("procfs").resolve("sys/class/infiniband/mlx5_0");
    Path device = sys.resolve("devices/pci0000:00/0000:00:02.0/infiniband/mlx5_0");
    try (Stream<Path> files = Files.walk(source)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path target = device.resolve(source.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    Files.createDirectories(sys.resolve("class/infiniband"));
    Files.createSymbolicLink(sys.resolve("class/infiniband/mlx5_0"), device);
    List<Sample> samples =
        new InfinibandCollector(new HostPaths(sys.resolve("proc"), sys)).collect();
    assertEquals(
        2880761508848L,
        find(
                samples,
                "infiniband_port_data_transmitted_bytes_total",
                Labels.of("device", "mlx5_0", "port", "1"))
            .counterValue());
  }

  @Test
  void garbageCounterFailsNamingTheFile(@TempDir Path sys) throws Exception {
    Path port = sys.resolve("class/infiniband/mlx5_0/ports/1");
    Files.createDirectories(port.resolve("counters"));
    Files.writeString(port.resolve("state"), "4: ACTIVE\n");
    Files.writeString(port.resolve("phys_state"), "5: LinkUp\n");
    Files.writeString(port.resolve("rate"), "100 Gb/sec (4X EDR)\n");
    Files.writeString(port.resolve("counters/symbol_error"), "lots\n");
    Collector collector = new InfinibandCollector(new HostPaths(sys.resolve("proc"), sys));
    HostFileFormatException e = assertThrows(HostFileFormatException.class, collector::collect);
    assertTrue(
        e.getMessage().startsWith(port.resolve("counters/symbol_error").toString()),
        e.getMessage());
    // The same for a hw_counters file, once the counters/ one reads well.
    Files.writeString(port.resolve("counters/symbol_error"), "3\n");
    Files.createDirectories(port.resolve("hw_counters"));
    Files.writeString(port.resolve("hw_counters/out_of_buffer"), "-1\n");
    Collector again = new InfinibandCollector(new HostPaths(sys.resolve("proc"), sys));
    e = assertThrows(HostFileFormatException.class, again::collect);
    assertTrue(
        e.getMessage().startsWith(port.resolve("hw_counters/out_of_buffer") + ": "),
        e.getMessage());
  }

  @Test
  void factoryIsOffWithOneLineWithoutClassInfiniband(@TempDir Path empty) {
    RecordingLogger log = new RecordingLogger();
    HostPaths paths = new HostPaths(empty.resolve("proc"), empty.resolve("sys"));
    assertTrue(
        new InfinibandCollectorFactory()
            .create(TestContexts.context(paths, log), new InfinibandSettings(null))
            .isEmpty());
    assertEquals(1, log.lines().size());
    assertEquals(System.Logger.Level.INFO, log.lines().get(0).level());
    assertEquals("infiniband", new InfinibandCollectorFactory().name());
  }

  private static Sample find(List<Sample> samples, String metric, Labels labels) {
    return samples.stream()
        .filter(x -> x.metric().equals(metric) && x.labels().equals(labels))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + metric + labels));
  }
}
