package io.clusterwatch.agent.jobcgroup;

import io.clusterwatch.agent.host.HostFileFormatException;
import io.clusterwatch.agent.host.Parse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses the cgroup v1 blkio files {@code blkio.throttle.io_service_bytes} (bytes) and {@code
 * blkio.throttle.io_serviced} (operations): lines {@code MAJ:MIN <Op> N} for the operations {@code
 * Read}, {@code Write}, {@code Sync}, {@code Async}, {@code Discard} (4.19+) and {@code Total},
 * then one {@code Total N} line over all devices ({@code
 * Documentation/admin-guide/cgroup-v1/blkio-controller.rst}). The throttle files count every I/O
 * that passed the throttling layer, whether or not a limit is set, unlike the CFQ-only {@code
 * blkio.io_service_bytes}.
 */
final class BlkioParser {
  private static final Pattern DEVICE = Pattern.compile("[0-9]+:[0-9]+");

  private BlkioParser() {}

  /** Reads and writes per device, in file order: {@code [read, write]}. */
  static Map<String, long[]> parse(String text, String file) throws HostFileFormatException {
    Map<String, long[]> out = new LinkedHashMap<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String[] f = Parse.fields(lines[i]);
      if (f.length == 0) {
        continue;
      }
      if (f.length == 2 && f[0].equals("Total")) {
        continue; // the sum over all devices
      }
      if (f.length != 3) {
        throw new HostFileFormatException(
            Parse.where(file, i + 1)
                + ": expected 'MAJ:MIN Op value', got '"
                + lines[i].strip()
                + "'");
      }
      String device = device(f[0], file, i + 1);
      long value = Parse.unsignedLong(f[2], file, i + 1);
      long[] rw = out.computeIfAbsent(device, d -> new long[2]);
      switch (f[1]) {
        case "Read" -> rw[0] = value;
        case "Write" -> rw[1] = value;
        case "Sync", "Async", "Discard", "Total" -> {} // other splits of the same I/O
        default ->
            throw new HostFileFormatException(
                Parse.where(file, i + 1) + ": unknown operation '" + f[1] + "'");
      }
    }
    return out;
  }

  /** A {@code MAJ:MIN} device number, checked. */
  static String device(String token, String file, int line) throws HostFileFormatException {
    if (!DEVICE.matcher(token).matches()) {
      throw new HostFileFormatException(
          Parse.where(file, line) + ": expected a device 'MAJ:MIN', got '" + token + "'");
    }
    return token;
  }
}
