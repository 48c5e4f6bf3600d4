package io.clusterwatch.agent.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.agent.host.HostFileFormatException;
import io.clusterwatch.agent.host.SysfsFiles;
import io.clusterwatch.agent.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcStatParserTest {
  @Test
  void nodeExporterFixtureGivesEightCpusWithTenColumnsAndNoAggregate() throws Exception {
    String text = SysfsFiles.read(Fixtures.dir("node_exporter").resolve("proc/stat"));
    List<CpuTimes> cpus = ProcStatParser.parse(text, "stat");
    assertEquals(8, cpus.size());
    // "cpu0 44490 19 21045 1087069 220 1 3410 0 2 1"
    assertEquals("0", cpus.get(0).cpu());
    assertArrayEquals(
        new long[] {44490, 19, 21045, 1087069, 220, 1, 3410, 0, 2, 1}, cpus.get(0).ticks());
    // "cpu7 29098 268 10164 1139282 555 0 31 0 9 8"
    assertEquals("7", cpus.get(7).cpu());
    assertArrayEquals(
        new long[] {29098, 268, 10164, 1139282, 555, 0, 31, 0, 9, 8}, cpus.get(7).ticks());
  }

  @Test
  void olderKernelsWithFewerColumnsKeepWhatIsThere() throws Exception {
    // 2.6.11-2.6.23 print 8 columns (no guest); 2.6.0-2.6.10 print 7 (no steal)
    String text =
        "cpu  301854 612 111922 8979004 3552 2 3944\ncpu0 44490 19 21045 1087069 220 1 3410 0\n";
    List<CpuTimes> cpus = ProcStatParser.parse(text, "stat");
    assertEquals(1, cpus.size());
    assertEquals(8, cpus.get(0).columns());
  }

  @Test
  void extraColumnsOfFutureKernelsAreIgnored() throws Exception {
    List<CpuTimes> cpus = ProcStatParser.parse("cpu3 1 2 3 4 5 6 7 8 9 10 11\n", "stat");
    assertEquals(10, cpus.get(0).columns());
  }

  @Test
  void garbageNamesFileAndLine() {
    HostFileFormatException e =
        assertThrows(
            HostFileFormatException.class,
            () -> ProcStatParser.parse("cpu  1 2 3 4\ncpu0 1 2 x 4\n", "/proc/stat"));
    assertTrue(e.getMessage().startsWith("/proc/stat:2: "), e.getMessage());
    assertTrue(e.getMessage().contains("'x'"), e.getMessage());
  }
}
