package io.clusterwatch.agent.disk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.agent.host.HostFileFormatException;
import io.clusterwatch.agent.host.SysfsFiles;
import io.clusterwatch.agent.testing.Fixtures;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DiskstatsParserTest {
  private static Map<String, DiskstatsLine> procfsFixture() throws Exception {
    String text = SysfsFiles.read(Fixtures.dir("procfs").resolve("proc/diskstats"));
    List<DiskstatsLine> lines = DiskstatsParser.parse(text, "diskstats");
    assertEquals(52, lines.size());
    return lines.stream().collect(Collectors.toMap(DiskstatsLine::device, Function.identity()));
  }

  @Test
  void fourteenColumnsPre418() throws Exception {
    // "   8       0 sda 25354637 34367663 1003346126 18492372 28444756 11134226 505697032 63877960
    // 0 9653880 82621804"
    DiskstatsLine sda = procfsFixture().get("sda");
    assertEquals(8, sda.major());
    assertEquals(0, sda.minor());
    assertArrayEquals(
        new long[] {
          25354637,
          34367663,
          1003346126,
          18492372,
          28444756,
          11134226,
          505697032,
          63877960,
          0,
          9653880,
          82621804
        },
        sda.stats());
  }

  @Test
  void eighteenColumnsWithDiscards() throws Exception {
    // "   8       0 sdb 326552 841 9657779 84 41822 2895 1972905 5007 0 60730 67070 68851 0
    // 1925173784 11130"
    DiskstatsLine sdb = procfsFixture().get("sdb");
    assertArrayEquals(
        new long[] {
          326552,
          841,
          9657779,
          84,
          41822,
          2895,
          1972905,
          5007,
          0,
          60730,
          67070,
          68851,
          0,
          1925173784,
          11130
        },
        sdb.stats());
  }

  @Test
  void twentyColumnsWithFlushes() throws Exception {
    // "   8       0 sdc 14202 71 579164 21861 2995 1589 180500 40875 0 11628 55200 0 0 0 0 127 182"
    DiskstatsLine sdc = procfsFixture().get("sdc");
    assertEquals(17, sdc.statCount());
    assertEquals(127, sdc.stat(15));
    assertEquals(182, sdc.stat(16));
  }

  @Test
  void oldFourStatPartitionLinesAreSkipped() throws Exception {
    // 2.6.0-2.6.24 partition format: reads, sectors read, writes, sectors written
    List<DiskstatsLine> lines =
        DiskstatsParser.parse(
            "   3    1 hda1 35486 38030 38030 38030\n   8 0 sda 1 2 3 4 5 6 7 8 9 10 11\n", "d");
    assertEquals(1, lines.size());
    assertEquals("sda", lines.get(0).device());
  }

  @Test
  void garbageNamesFileAndLine() {
    HostFileFormatException e =
        assertThrows(
            HostFileFormatException.class,
            () ->
                DiskstatsParser.parse(
                    "   8 0 sda 1 2 3 4 5 6 7 8 9 10 11\n   8 1 sda1 1 2 3 4 5 6 7 8 9 -1 11\n",
                    "/proc/diskstats"));
    assertTrue(e.getMessage().startsWith("/proc/diskstats:2: "), e.getMessage());
    assertThrows(
        HostFileFormatException.class, () -> DiskstatsParser.parse("8 0\n", "/proc/diskstats"));
  }

  @Test
  void linesOfDevicesLeftOutAreNotParsedButStillCountedForColumns() throws Exception {
    String text =
        "   7 0 loop0 1 2 3 4 5 6 7 8 9 -1 11\n"
            + "   8 0 sda 1 2 3 4 5 6 7 8 9 10 11\n"
            + "   8 1 sda1 1 2 3 4 5 6 7 8 9 10 11\n";
    List<String> asked = new java.util.ArrayList<>();
    List<DiskstatsLine> lines =
        DiskstatsParser.parse(
            text,
            "/proc/diskstats",
            device -> {
              asked.add(device);
              return device.equals("sda");
            });
    // loop0's garbage statistic is never parsed: the line is left out by its name first
    assertEquals(List.of("sda"), lines.stream().map(DiskstatsLine::device).toList());
    assertEquals(List.of("loop0", "sda", "sda1"), asked);
    assertEquals(10L, lines.get(0).stat(9));
    HostFileFormatException e =
        assertThrows(
            HostFileFormatException.class,
            () -> DiskstatsParser.parse("8 0 sda 1\n7 0 loop0\n", "/proc/diskstats", d -> false));
    assertEquals(
        "/proc/diskstats:2: expected 'major minor name stats...', got 3 columns", e.getMessage());
  }
}
