package io.clusterwatch.agent.network;

import io.clusterwatch.agent.host.HostFileFormatException;
import io.clusterwatch.agent.host.Parse;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code /proc/net/dev} (kernel {@code net/core/net-procfs.c}): two header lines, then
 * {@code name: 16 numbers} per interface. The name ends at the line's last ':' because names may
 * contain ':' (aliases such as {@code ibr10:30}) and older kernels glue the first number to the
 * colon ({@code eth0:1234567}); numbers never contain one.
 */
final class NetDevParser {
  static final int COUNTERS = 16;

  private NetDevParser() {}

  static List<NetDevLine> parse(String text, String file) throws HostFileFormatException {
    List<NetDevLine> lines = new ArrayList<>();
    String[] rows = text.split("\n", -1);
    for (int i = 0; i < rows.length; i++) {
      String row = rows[i];
      if (row.isBlank() || row.indexOf('|') >= 0) {
        continue; // the two header lines are the ones with '|'
      }
      int colon = row.lastIndexOf(':');
      if (colon < 0) {
        throw new HostFileFormatException(
            Parse.where(file, i + 1) + ": expected 'interface: counters', got no ':'");
      }
      String device = row.substring(0, colon).strip();
      if (device.isEmpty()) {
        throw new HostFileFormatException(Parse.where(file, i + 1) + ": empty interface name");
      }
      String[] f = Parse.fields(row.substring(colon + 1));
      if (f.length != COUNTERS) {
        throw new HostFileFormatException(
            Parse.where(file, i + 1)
                + ": expected "
                + COUNTERS
                + " counters for "
                + device
                + ", got "
                + f.length);
      }
      long[] counters = new long[COUNTERS];
      for (int c = 0; c < COUNTERS; c++) {
        counters[c] = Parse.unsignedLong(f[c], file, i + 1);
      }
      lines.add(new NetDevLine(device, counters));
    }
    return lines;
  }
}
