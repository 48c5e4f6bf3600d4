package io.clusterwatch.agent.pressure;

import io.clusterwatch.agent.host.HostFileFormatException;
import io.clusterwatch.agent.host.Parse;
import java.util.OptionalLong;

/**
 * Parses a pressure stall information file: {@code /proc/pressure/{cpu,io,memory}} and a cgroup v2
 * {@code {cpu,io,memory}.pressure} share the format of the kernel's {@code
 * Documentation/accounting/psi.rst}:
 *
 * <pre>
 * some avg10=0.00 avg60=0.00 avg300=0.00 total=14036781
 * full avg10=0.00 avg60=0.00 avg300=0.00 total=0
 * </pre>
 *
 * Only the cumulative {@code total=} (microseconds) is kept: the hub derives rates itself, and the
 * kernel's running averages would be a second, coarser opinion about the same counter.
 */
public final class PressureParser {
  private PressureParser() {}

  /**
   * @param file the file name for messages
   * @throws HostFileFormatException naming the line when a line is neither {@code some} nor {@code
   *     full}, lacks {@code total=}, or when there is no {@code some} line
   */
  public static PressureTotals parse(String text, String file) throws HostFileFormatException {
    Long some = null;
    OptionalLong full = OptionalLong.empty();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String[] fields = Parse.fields(lines[i]);
      if (fields.length == 0) {
        continue;
      }
      long total = total(fields, file, i + 1);
      switch (fields[0]) {
        case "some" -> some = total;
        case "full" -> full = OptionalLong.of(total);
        default ->
            throw new HostFileFormatException(
                Parse.where(file, i + 1)
                    + ": expected a line starting 'some' or 'full', got '"
                    + lines[i].strip()
                    + "'");
      }
    }
    if (some == null) {
      throw new HostFileFormatException(file + ": no 'some' line");
    }
    return new PressureTotals(some, full);
  }

  private static long total(String[] fields, String file, int line) throws HostFileFormatException {
    for (int j = 1; j < fields.length; j++) {
      if (fields[j].startsWith("total=")) {
        return Parse.unsignedLong(fields[j].substring("total=".length()), file, line);
      }
    }
    throw new HostFileFormatException(Parse.where(file, line) + ": no 'total=' field");
  }
}
