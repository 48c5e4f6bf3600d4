package io.clusterwatch.hub.remotewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WriteRequestEncoderTest {
  static final PromSeries UTIL =
      PromSeries.of(
          "DCGM_FI_DEV_GPU_UTIL",
          Map.of("gpu", "0", "UUID", "GPU-a", "Hostname", "n1", "instance", "n1", "empty", ""));
  static final PromSeries CPU =
      PromSeries.of("node_cpu_seconds_total", Map.of("cpu", "0", "mode", "user", "instance", "n1"));

  @Test
  void groupsSamplesBySeriesInOrderWithSortedLabelsAndExternalLabels() throws Exception {
    WriteRequestEncoder encoder =
        new WriteRequestEncoder(Map.of("cluster", "east", "instance", "ignored"));
    List<QueuedSample> samples =
        List.of(
            new QueuedSample(UTIL, 1000, 87.0, 1),
            new QueuedSample(CPU, 1000, 12345.67, 1),
            new QueuedSample(UTIL, 2000, 0.0, 2),
            new QueuedSample(CPU, 2000, 12346.5, 2));

    DecodedWriteRequest r = DecodedWriteRequest.fromSnappy(encoder.compressed(samples));

    assertEquals(2, r.series().size());
    DecodedWriteRequest.Series util = r.series().get(0);
    assertEquals(
        List.of("Hostname", "UUID", "__name__", "cluster", "gpu", "instance"),
        List.copyOf(util.labels().keySet()),
        "sorted by byte order, empty label left out");
    assertEquals("DCGM_FI_DEV_GPU_UTIL", util.labels().get("__name__"));
    assertEquals("east", util.labels().get("cluster"));
    assertEquals(
        "n1", util.labels().get("instance"), "the series' own label wins over an external one");
    assertEquals(1000, util.timestamp(0));
    assertEquals(87.0, util.value(0));
    assertEquals(2000, util.timestamp(1));
    assertEquals(0.0, util.value(1));
    DecodedWriteRequest.Series cpu = r.series().get(1);
    assertEquals("node_cpu_seconds_total", cpu.labels().get("__name__"));
    assertEquals(12346.5, cpu.value(1));
  }

  @Test
  void largeTimestampsAndNegativeValuesSurviveTheVarints() throws Exception {
    WriteRequestEncoder encoder = new WriteRequestEncoder(Map.of());
    long ts = 1_796_000_000_123L;
    DecodedWriteRequest r =
        DecodedWriteRequest.decode(encoder.encode(List.of(new QueuedSample(CPU, ts, -2.5, 1))));
    assertEquals(ts, r.series().get(0).timestamp(0));
    assertEquals(-2.5, r.series().get(0).value(0));
  }
}
