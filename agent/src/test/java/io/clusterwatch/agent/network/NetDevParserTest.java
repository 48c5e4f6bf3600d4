package io.clusterwatch.agent.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.agent.host.HostFileFormatException;
import io.clusterwatch.agent.host.SysfsFiles;
import io.clusterwatch.agent.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetDevParserTest {
  private static final String HEADER =
      "Inter-|   Receive                                                |  Transmit\n"
          + " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n";

  @Test
  void procfsFixture() throws Exception {
    List<NetDevLine> lines =
        NetDevParser.parse(SysfsFiles.read(Fixtures.dir("procfs").resolve("proc/net/dev")), "dev");
    assertEquals(
        List.of("vethf345468", "lo", "docker0", "eth0"),
        lines.stream().map(NetDevLine::device).toList());
    // "  eth0: 874354587 1036395    0    0    0     0          0         0 563352563  732147    0
    //  0    0     0       0          0"
    assertArrayEquals(
        new long[] {874354587, 1036395, 0, 0, 0, 0, 0, 0, 563352563, 732147, 0, 0, 0, 0, 0, 0},
        lines.get(3).counters());
  }

  @Test
  void numberGluedToTheColonAndNamesWithColons() throws Exception {
    // Lines from node_exporter's collector/fixtures/proc/net/dev (Apache-2.0): a counter wide
    // enough to touch the colon, and an alias interface whose name contains ':'.
    String text =
        HEADER
            + "  eth0:68210035552 520993275    0    0    0     0          0         0 9315587528 43451486    0    0    0     0       0          0\n"
            + "ibr10:30:       0       0    0    0    0     0          0         0        0       0    0    0    0     0       0          0\n"
            + "veth4B09XN:     648       8    0    0    0     0          0         0  1943284   10640    0    0    0     0       0          0\n";
    List<NetDevLine> lines = NetDevParser.parse(text, "dev");
    assertEquals("eth0", lines.get(0).device());
    assertEquals(68210035552L, lines.get(0).counter(0));
    assertEquals(43451486L, lines.get(0).counter(9));
    assertEquals("ibr10:30", lines.get(1).device());
    assertEquals("veth4B09XN", lines.get(2).device());
    assertEquals(1943284L, lines.get(2).counter(8));
  }

  @Test
  void countersUpTo64Bits() throws Exception {
    String text = HEADER + "  ib0: 18446744073709551615 1 0 0 0 0 0 0 2 3 0 0 0 0 0 0\n";
    assertEquals(
        "18446744073709551615",
        Long.toUnsignedString(NetDevParser.parse(text, "dev").get(0).counter(0)));
  }

  @Test
  void wrongCounterCountOrGarbageNamesFileAndLine() {
    HostFileFormatException e =
        assertThrows(
            HostFileFormatException.class,
            () -> NetDevParser.parse(HEADER + "  eth0: 1 2 3\n", "/proc/net/dev"));
    assertTrue(e.getMessage().startsWith("/proc/net/dev:3: "), e.getMessage());
    assertTrue(e.getMessage().contains("eth0"), e.getMessage());
    e =
        assertThrows(
            HostFileFormatException.class,
            () ->
                NetDevParser.parse(
                    HEADER + "  eth0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16\n", "/proc/net/dev"));
    assertTrue(e.getMessage().startsWith("/proc/net/dev:3: "), e.getMessage());
  }
}
