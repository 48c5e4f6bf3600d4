package io.clusterwatch.agent.jobcgroup;

import io.clusterwatch.agent.host.HostFileFormatException;
import io.clusterwatch.agent.host.Parse;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses cgroup v2 {@code io.stat}, "nested keyed": one line per device, {@code MAJ:MIN rbytes=N
 * wbytes=N rios=N wios=N dbytes=N dios=N} (cgroup-v2.rst, "IO Interface Files"); kernels with io
 * cost or latency control append more keys, which are ignored. A key the line lacks counts as 0, as
 * the kernel only omits them when they are.
 */
final class IoStatParser {
  private IoStatParser() {}

  /**
   * @throws HostFileFormatException naming the line when a device or a {@code key=value} is
   *     malformed
   */
  static List<DeviceIo> parse(String text, String file) throws HostFileFormatException {
    List<DeviceIo> out = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String[] f = Parse.fields(lines[i]);
      if (f.length == 0) {
        continue;
      }
      String device = BlkioParser.device(f[0], file, i + 1);
      long rbytes = 0;
      long wbytes = 0;
      long rios = 0;
      long wios = 0;
      for (int j = 1; j < f.length; j++) {
        int eq = f[j].indexOf('=');
        if (eq <= 0) {
          throw new HostFileFormatException(
              Parse.where(file, i + 1) + ": expected 'key=value', got '" + f[j] + "'");
        }
        String key = f[j].substring(0, eq);
        String value = f[j].substring(eq + 1);
        switch (key) {
          case "rbytes" -> rbytes = Parse.unsignedLong(value, file, i + 1);
          case "wbytes" -> wbytes = Parse.unsignedLong(value, file, i + 1);
          case "rios" -> rios = Parse.unsignedLong(value, file, i + 1);
          case "wios" -> wios = Parse.unsignedLong(value, file, i + 1);
          default -> {} // dbytes, dios, cost.*, ... are not reported
        }
      }
      out.add(new DeviceIo(device, rbytes, wbytes, rios, wios));
    }
    return out;
  }
}
