package io.clusterwatch.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelsTest {
  @Test
  void sortsByNameWhateverTheInputOrder() {
    Labels a = Labels.of("port", "1", "device", "mlx5_0");
    Labels b = Labels.of(Map.of("device", "mlx5_0", "port", "1"));
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertEquals("{device=\"mlx5_0\",port=\"1\"}", a.toString());
    assertEquals("device", a.name(0));
  }

  @Test
  void looksUpAndMatchesSubsets() {
    Labels l = Labels.of("gpu", "3", "gpu_uuid", "GPU-x", "pci_bus_id", "00000000:18:00.0");
    assertEquals("GPU-x", l.get("gpu_uuid"));
    assertNull(l.get("device"));
    assertTrue(l.containsAll(Labels.of("gpu", "3")));
    assertTrue(l.containsAll(Labels.EMPTY));
    assertFalse(l.containsAll(Labels.of("gpu", "4")));
    assertFalse(l.containsAll(Labels.of("device", "sda")));
  }

  @Test
  void rejectsDuplicatesAndOddArguments() {
    assertThrows(IllegalArgumentException.class, () -> Labels.of("a", "1", "a", "2"));
    assertThrows(IllegalArgumentException.class, () -> Labels.of("a"));
    assertThrows(IllegalArgumentException.class, () -> Labels.of("", "1"));
  }

  @Test
  void unsignedCountersConvertToDoubleWithoutGoingNegative() {
    assertEquals(18446744073709551615.0, Sample.unsignedToDouble(-1L));
    assertEquals(42.0, Sample.unsignedToDouble(42L));
    assertEquals(
        1.5, Sample.counter("cpu_seconds_total", Labels.EMPTY, 150, 0.01).doubleValue(), 1e-12);
  }

  @Test
  void unitComesFromTheMetricSuffix() {
    assertEquals("bytes", MetricNames.unitOf("disk_read_bytes_total"));
    assertEquals("seconds", MetricNames.unitOf("cpu_seconds_total"));
    assertEquals("ratio", MetricNames.unitOf("gpu_utilization_ratio"));
    assertEquals("", MetricNames.unitOf("gpu_info"));
    assertEquals("", MetricNames.unitOf("infiniband_link_downed_total"));
  }
}
