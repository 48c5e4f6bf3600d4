package io.clusterwatch.agent.gpu.smi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.agent.gpu.GpuCounter;
import io.clusterwatch.agent.gpu.GpuGauge;
import io.clusterwatch.agent.gpu.GpuReading;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Table tests on rows derived from real nvidia-smi captures (see test resources
 * nvidia-smi/README.md).
 */
class NvidiaSmiCsvParserTest {
  private static final double MIB = 1048576.0;

  /**
   * The {@code noheader,nounits} row nvidia-smi would print for the parser's fields, derived from a
   * captured {@code --format=csv} header and row: columns picked by name, unit suffixes stripped.
   */
  static String derivedRow(String resource) throws IOException {
    String text;
    try (InputStream in =
        NvidiaSmiCsvParserTest.class.getResourceAsStream("/nvidia-smi/" + resource)) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String[] lines = text.split("\n");
    String[] header = lines[0].split(", ");
    String[] row = lines[1].split(", ", -1);
    assertEquals(header.length, row.length, resource);
    Map<String, String> byField = new HashMap<>();
    for (int i = 0; i < header.length; i++) {
      String name = header[i];
      String value = row[i];
      int unit = name.indexOf(" [");
      if (unit >= 0) {
        String suffix = " " + name.substring(unit + 2, name.length() - 1);
        name = name.substring(0, unit);
        if (value.endsWith(suffix)) {
          value = value.substring(0, value.length() - suffix.length());
        }
      }
      byField.put(name, value);
    }
    List<String> values = new ArrayList<>();
    for (String field : NvidiaSmiCsvParser.FIELDS) {
      assertTrue(byField.containsKey(field), resource + " has " + field);
      values.add(byField.get(field));
    }
    return String.join(", ", values);
  }

  /**
   * file, name, bus id, utilisation %, memory utilisation %, total/used/free MiB, temperature C,
   * power W, limit W, SM MHz, memory MHz, reasons, ECC corrected, ECC uncorrected, MIG mode; null =
   * absent. Values read off each capture's own row.
   */
  static Stream<Arguments> captures() {
    return Stream.of(
        Arguments.of(
            "nvidia-h100-80gb-hbm3__590.48.01.load.csv",
            "NVIDIA H100 80GB HBM3",
            "00000000:00:09.0",
            100.0,
            11.0,
            81559.0,
            19818.0,
            61263.0,
            59.0,
            631.95,
            700.0,
            1980.0,
            2619.0,
            0L,
            0L,
            0L,
            0.0),
        Arguments.of(
            "nvidia-h100-80gb-hbm3__590.48.01.idle.csv",
            "NVIDIA H100 80GB HBM3",
            "00000000:00:09.0",
            0.0,
            0.0,
            81559.0,
            0.0,
            81081.0,
            41.0,
            69.85,
            700.0,
            345.0,
            2619.0,
            1L,
            0L,
            0L,
            0.0),
        Arguments.of(
            "nvidia-h100-mig__590.48.01.load.csv",
            "NVIDIA H100 80GB HBM3",
            "00000000:00:09.0",
            null,
            null,
            81559.0,
            11125.0,
            69956.0,
            53.0,
            433.78,
            700.0,
            1980.0,
            2619.0,
            0L,
            0L,
            0L,
            1.0),
        Arguments.of(
            "nvidia-h200-mig__590.48.01.idle.csv",
            "NVIDIA H200",
            "00000000:83:00.0",
            null,
            null,
            143771.0,
            55.0,
            143103.0,
            28.0,
            78.28,
            700.0,
            345.0,
            3201.0,
            1L,
            0L,
            0L,
            1.0),
        Arguments.of(
            "nvidia-h200__590.48.01.load.csv",
            "NVIDIA H200",
            "00000000:83:00.0",
            100.0,
            7.0,
            143771.0,
            32362.0,
            110796.0,
            52.0,
            627.40,
            700.0,
            1980.0,
            3201.0,
            0L,
            0L,
            0L,
            0.0),
        Arguments.of(
            "nvidia-l40s__595.80.idle.csv",
            "NVIDIA L40S",
            "00000000:01:00.0",
            100.0,
            9.0,
            46068.0,
            0.0,
            45460.0,
            63.0,
            144.97,
            350.0,
            2520.0,
            9001.0,
            0L,
            0L,
            0L,
            null),
        Arguments.of(
            "nvidia-geforce-rtx-4080-super__595.71.05.load.csv",
            "NVIDIA GeForce RTX 4080 SUPER",
            "00000000:01:00.0",
            7.0,
            2.0,
            16376.0,
            1474.0,
            14470.0,
            46.0,
            84.24,
            320.0,
            2805.0,
            11251.0,
            0L,
            null,
            null,
            null),
        Arguments.of(
            "nvidia-geforce-rtx-2080-super__610.57.04.idle.csv",
            "NVIDIA GeForce RTX 2080 SUPER",
            "00000000:0C:00.0",
            0.0,
            0.0,
            8192.0,
            211.0,
            7582.0,
            33.0,
            39.17,
            250.0,
            765.0,
            810.0,
            1L,
            null,
            null,
            null));
  }

  @ParameterizedTest
  @MethodSource("captures")
  void parsesRealCaptures(
      String file,
      String name,
      String busId,
      Double util,
      Double memUtil,
      Double total,
      Double used,
      Double free,
      Double temp,
      Double power,
      Double limit,
      Double sm,
      Double mem,
      Long reasons,
      Long eccCorrected,
      Long eccUncorrected,
      Double mig)
      throws IOException {
    List<GpuReading> readings = NvidiaSmiCsvParser.parse(derivedRow(file) + "\n");
    assertEquals(1, readings.size());
    GpuReading r = readings.get(0);
    assertEquals(0, r.identity().index());
    assertEquals("GPU-00000000-0000-0000-0000-000000000000", r.identity().uuid());
    assertEquals(name, r.identity().model());
    assertEquals(busId, r.identity().pciBusId());
    assertFalse(r.identity().minor().isPresent(), "nvidia-smi --query-gpu has no minor number");
    assertGauge(r, GpuGauge.UTILIZATION, util == null ? null : util / 100);
    assertGauge(r, GpuGauge.MEMORY_UTILIZATION, memUtil == null ? null : memUtil / 100);
    assertGauge(r, GpuGauge.MEMORY_TOTAL, total * MIB);
    assertGauge(r, GpuGauge.MEMORY_USED, used * MIB);
    assertGauge(r, GpuGauge.MEMORY_FREE, free * MIB);
    assertGauge(r, GpuGauge.TEMPERATURE, temp);
    assertGauge(r, GpuGauge.POWER, power);
    assertGauge(r, GpuGauge.POWER_LIMIT, limit);
    assertGauge(r, GpuGauge.SM_CLOCK, sm * 1e6);
    assertGauge(r, GpuGauge.MEMORY_CLOCK, mem * 1e6);
    assertGauge(r, GpuGauge.CLOCK_EVENT_REASONS, reasons.doubleValue());
    assertGauge(r, GpuGauge.MIG_MODE, mig);
    assertEquals(eccCorrected, r.counters().get(GpuCounter.ECC_CORRECTED));
    assertEquals(eccUncorrected, r.counters().get(GpuCounter.ECC_UNCORRECTED));
    assertFalse(r.counters().containsKey(GpuCounter.ENERGY));
  }

  private static void assertGauge(GpuReading reading, GpuGauge gauge, Double expected) {
    Double actual = reading.gauges().get(gauge);
    if (expected == null) {
      assertEquals(null, actual, gauge + " absent");
    } else {
      assertEquals(expected, actual, Math.abs(expected) * 1e-12, gauge.name());
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[N/A]", "[Not Supported]", "[Unknown Error]", "[GPU requires reset]",
        "[Insufficient Permissions]", "[Requested functionality has been deprecated]", "N/A", ""
      })
  void placeholdersMeanAbsent(String placeholder) {
    String row =
        "1, GPU-00000000-0000-0000-0000-000000000001, Tesla T4, 00000000:00:04.0, @, @, 15360, @, @, "
            + "@, @, 70.00, @, @, @, @, @, @";
    GpuReading r = NvidiaSmiCsvParser.parse(row.replace("@", placeholder)).get(0);
    assertEquals(1, r.identity().index());
    assertEquals(15360 * MIB, r.gauges().get(GpuGauge.MEMORY_TOTAL));
    assertEquals(70.0, r.gauges().get(GpuGauge.POWER_LIMIT));
    assertEquals(2, r.gauges().size(), "only the two real values: " + r.gauges());
    assertTrue(r.counters().isEmpty());
  }

  @Test
  void severalGpusOnePerLine() {
    String out =
        "0, GPU-a, NVIDIA H100 80GB HBM3, 00000000:1B:00.0, 97, 40, 81559, 60000, 21080, 61, 640.12, 700.00, 1980, 2619, 0x0000000000000004, 0, 0, Disabled\n"
            + "1, GPU-b, NVIDIA H100 80GB HBM3, 00000000:43:00.0, 0, 0, 81559, 0, 81080, 30, 70.01, 700.00, 345, 2619, 0x0000000000000001, 2, 1, Disabled\n";
    List<GpuReading> readings = NvidiaSmiCsvParser.parse(out);
    assertEquals(2, readings.size());
    assertEquals(0.97, readings.get(0).gauges().get(GpuGauge.UTILIZATION), 1e-12);
    assertEquals(4.0, readings.get(0).gauges().get(GpuGauge.CLOCK_EVENT_REASONS));
    assertEquals("00000000:43:00.0", readings.get(1).identity().pciBusId());
    assertEquals(2L, readings.get(1).counters().get(GpuCounter.ECC_CORRECTED));
    assertEquals(1L, readings.get(1).counters().get(GpuCounter.ECC_UNCORRECTED));
  }

  @Test
  void aRowWithTheWrongColumnCountIsAnErrorNamingIt() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> NvidiaSmiCsvParser.parse("0, GPU-a, 81559\n"));
    assertTrue(e.getMessage().contains("3 columns, expected 18"), e.getMessage());
    assertTrue(e.getMessage().contains("0, GPU-a, 81559"), e.getMessage());
  }

  @Test
  void theQueryNamesEveryFieldInColumnOrder() {
    assertEquals(
        "--query-gpu=index,uuid,name,pci.bus_id,utilization.gpu,utilization.memory,memory.total,"
            + "memory.used,memory.free,temperature.gpu,power.draw,enforced.power.limit,"
            + "clocks.current.sm,clocks.current.memory,clocks_event_reasons.active,"
            + "ecc.errors.corrected.volatile.total,ecc.errors.uncorrected.volatile.total,"
            + "mig.mode.current",
        NvidiaSmiCsvParser.queryArgument());
  }
}
