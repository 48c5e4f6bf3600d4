package io.clusterwatch.agent.cpu;

import io.clusterwatch.agent.host.HostFileFormatException;
import io.clusterwatch.agent.host.Parse;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the per-CPU lines of {@code /proc/stat} (kernel {@code fs/proc/stat.c}). The aggregate
 * {@code cpu} line and the non-CPU lines ({@code intr}, {@code ctxt}, {@code btime}, ...) are
 * skipped. Columns beyond the ten the kernel prints today are ignored.
 */
final class ProcStatParser {
  /** user .. guest_nice. */
  static final int MAX_COLUMNS = 10;

  private ProcStatParser() {}

  static List<CpuTimes> parse(String text, String file) throws HostFileFormatException {
    List<CpuTimes> cpus = new ArrayList<>();
    // Line by line without splitting the whole text: the intr line alone can be tens of KB.
    int lineNumber = 0;
    for (int start = 0; start < text.length(); ) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      int i = lineNumber++;
      boolean cpuLine =
          end - start >= 4
              && text.startsWith("cpu", start)
              && Character.isDigit(text.charAt(start + 3));
      String line = cpuLine ? text.substring(start, end) : null;
      start = end + 1;
      if (!cpuLine) {
        continue;
      }
      String[] fields = Parse.fields(line);
      String cpu = fields[0].substring(3);
      if (!cpu.chars().allMatch(Character::isDigit)) {
        throw new HostFileFormatException(
            Parse.where(file, i + 1) + ": bad CPU name '" + fields[0] + "'");
      }
      int columns = Math.min(fields.length - 1, MAX_COLUMNS);
      if (columns < 1) {
        throw new HostFileFormatException(Parse.where(file, i + 1) + ": CPU line has no times");
      }
      long[] ticks = new long[columns];
      for (int c = 0; c < columns; c++) {
        ticks[c] = Parse.unsignedLong(fields[c + 1], file, i + 1);
      }
      cpus.add(new CpuTimes(cpu, ticks));
    }
    return cpus;
  }
}
