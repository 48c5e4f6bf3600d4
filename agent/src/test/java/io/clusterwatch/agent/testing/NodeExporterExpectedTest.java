package io.clusterwatch.agent.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.Sample;
import io.clusterwatch.protocol.SeriesKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeExporterExpectedTest {
  @Test
  void parsesLabelsEscapesEmptyLabelsAndExponents() {
    NodeExporterExpected e =
        NodeExporterExpected.parse(
            "# HELP x y\n"
                + "# TYPE node_disk_info gauge\n"
                + "node_disk_info{device=\"dm-0\",major=\"252\",minor=\"0\",model=\"\",path=\"a\\\"b\\\\c\"} 1\n"
                + "node_infiniband_port_data_received_bytes_total{device=\"mlx4_0\",port=\"1\"} 1.8527668e+07\n"
                + "node_load1 0.21\n");
    assertEquals(
        Map.of(
            new SeriesKey(
                "node_disk_info",
                Labels.of("device", "dm-0", "major", "252", "minor", "0", "path", "a\"b\\c")),
            1.0),
        e.family("node_disk_"));
    assertEquals(1.8527668e7, e.family("node_infiniband_").values().iterator().next());
    assertEquals(
        Map.of(new SeriesKey("node_load1", Labels.EMPTY), 0.21),
        e.select(n -> n.equals("node_load1")));
  }

  @Test
  void oursAreRawTimesScaleWithNodePrefix() {
    Map<SeriesKey, Double> ours =
        NodeExporterExpected.asNodeExporter(
            List.of(
                Sample.counter(
                    "cpu_seconds_total", Labels.of("cpu", "0", "mode", "idle"), 1087069, 0.01)));
    NodeExporterExpected.assertSameSeries(
        NodeExporterExpected.parse("node_cpu_seconds_total{cpu=\"0\",mode=\"idle\"} 10870.69\n")
            .family("node_cpu"),
        ours);
  }

  @Test
  void differencesFail() {
    Map<SeriesKey, Double> ours =
        NodeExporterExpected.asNodeExporter(
            List.of(Sample.gauge("memory_MemFree_bytes", Labels.EMPTY, 1.0)));
    assertThrows(
        AssertionError.class,
        () ->
            NodeExporterExpected.assertSameSeries(
                NodeExporterExpected.parse("node_memory_MemFree_bytes 2\n").family("node_"), ours));
    assertThrows(
        AssertionError.class,
        () ->
            NodeExporterExpected.assertSameSeries(
                NodeExporterExpected.parse("node_memory_MemTotal_bytes 1\n").family("node_"),
                ours));
  }
}
