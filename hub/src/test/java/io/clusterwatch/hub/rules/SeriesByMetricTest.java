package io.clusterwatch.hub.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clusterwatch.hub.store.ColumnarSampleStore;
import io.clusterwatch.hub.store.StoreConfig;
import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.MetricType;
import io.clusterwatch.protocol.SeriesDescriptor;
import io.clusterwatch.protocol.SeriesTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules' series by metric are read from the store again when a host's series change. */
class SeriesByMetricTest {
  private final ColumnarSampleStore store = new ColumnarSampleStore(StoreConfig.defaults());
  private final SeriesByMetric series = new SeriesByMetric(store);

  private static SeriesTable temperatures(int version, int gpus) {
    List<SeriesDescriptor> s = new ArrayList<>();
    for (int g = 0; g < gpus; g++) {
      s.add(
          SeriesDescriptor.of(
              "gpu_temperature_celsius",
              Labels.of("gpu", Integer.toString(g), "gpu_uuid", "GPU-" + g),
              MetricType.GAUGE));
    }
    s.add(SeriesDescriptor.of("memory_MemTotal_bytes", Labels.of(), MetricType.GAUGE));
    return new SeriesTable(version, s);
  }

  @Test
  void keptUntilTheHostGainsASeries() {
    store.appender("n1", temperatures(1, 1));
    List<Map<String, String>> one = series.series("n1", "gpu_temperature_celsius");
    assertEquals(List.of(Map.of("gpu", "0", "gpu_uuid", "GPU-0")), one);
    assertSame(one, series.series("n1", "gpu_temperature_celsius"));
    store.appender("n1", temperatures(2, 1));
    assertSame(one, series.series("n1", "gpu_temperature_celsius"), "the same series again");

    store.appender("n1", temperatures(3, 2));
    List<Map<String, String>> two = series.series("n1", "gpu_temperature_celsius");
    assertEquals(2, two.size());
    assertEquals("GPU-1", two.get(1).get("gpu_uuid"));
    assertEquals(List.of(Map.of()), series.series("n1", "memory_MemTotal_bytes"));
    assertEquals(List.of(), series.series("n1", "gpu_xid_errors_total"));
    assertEquals(List.of(), series.series("n2", "gpu_temperature_celsius"), "an unknown host");
  }

  @Test
  void labelMapsAreNameOrderedAndMadeOncePerRead() {
    store.appender("n1", temperatures(1, 2));
    List<Map<String, String>> first = series.series("n1", "gpu_temperature_celsius");
    assertEquals(List.of("gpu", "gpu_uuid"), List.copyOf(first.get(1).keySet()));
    assertEquals(List.of(Map.of()), series.series("n1", "memory_MemTotal_bytes"));
    assertSame(
        first, series.series("n1", "gpu_temperature_celsius"), "another metric asked between");
    assertThrows(UnsupportedOperationException.class, () -> first.get(0).put("gpu", "9"));
  }

  @Test
  void aHostRemovedAndSeenAgainIsReadAgain() {
    store.appender("n1", temperatures(1, 2));
    assertEquals(2, series.series("n1", "gpu_temperature_celsius").size());
    store.removeHost("n1");
    store.appender("n1", temperatures(1, 1));
    assertEquals(1, series.series("n1", "gpu_temperature_celsius").size());
  }
}
