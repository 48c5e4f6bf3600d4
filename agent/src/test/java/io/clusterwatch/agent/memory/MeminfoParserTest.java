package io.clusterwatch.agent.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.agent.host.HostFileFormatException;
import io.clusterwatch.agent.host.SysfsFiles;
import io.clusterwatch.agent.testing.Fixtures;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MeminfoParserTest {
  private static Map<String, Double> byName(String set, String file) throws Exception {
    List<MeminfoField> fields =
        MeminfoParser.parse(SysfsFiles.read(Fixtures.dir(set).resolve(file)), file);
    return fields.stream()
        .collect(Collectors.toMap(MeminfoField::metricName, MeminfoField::baseValue));
  }

  @ParameterizedTest
  @CsvSource({
    "'MemTotal:        3742148 kB', memory_MemTotal_bytes, 3831959552",
    "'Active(anon):    2020004 kB', memory_Active_anon_bytes, 2068484096",
    "'HugePages_Total:       0', memory_HugePages_Total, 0",
    "'Hugepagesize:       2048 kB', memory_Hugepagesize_bytes, 2097152",
    "'VmallocTotal:   34359738367 kB', memory_VmallocTotal_bytes, 35184372087808",
  })
  void namesAndUnitsAsNodeExporter(String line, String metric, double value) throws Exception {
    MeminfoField field = MeminfoParser.parse(line + "\n", "meminfo").get(0);
    assertEquals(metric, field.metricName());
    assertEquals(value, field.baseValue());
  }

  @Test
  void withoutMemAvailableItIsAbsent() throws Exception {
    Map<String, Double> fields = byName("node_exporter", "proc/meminfo");
    assertFalse(fields.containsKey("memory_MemAvailable_bytes"));
    assertEquals(42, fields.size());
  }

  @Test
  void withMemAvailable() throws Exception {
    Map<String, Double> fields = byName("telegraf", "mem/proc/meminfo");
    // "MemAvailable:   14221924 kB"
    assertEquals(14221924.0 * 1024, fields.get("memory_MemAvailable_bytes"));
    assertEquals(16201888.0 * 1024, fields.get("memory_MemTotal_bytes"));
  }

  @Test
  void garbageNamesFileAndLine() {
    HostFileFormatException e =
        assertThrows(
            HostFileFormatException.class,
            () -> MeminfoParser.parse("MemTotal: 1 kB\nMemFree: 2 MB\n", "/proc/meminfo"));
    assertTrue(e.getMessage().startsWith("/proc/meminfo:2: "), e.getMessage());
    assertThrows(
        HostFileFormatException.class,
        () -> MeminfoParser.parse("no colon here\n", "/proc/meminfo"));
  }
}
