package io.clusterwatch.agent.disk;

import io.clusterwatch.agent.host.HostFileFormatException;
import io.clusterwatch.agent.host.Parse;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code /proc/diskstats} in its 14-, 18- and 20-column forms (and longer ones, keeping the
 * first 17 statistics). Lines with fewer than 14 columns, the 2.6.0-2.6.24 partition format with
 * only 4 statistics, are skipped as node_exporter (procfs) does.
 */
final class DiskstatsParser {
  /** Columns before the statistics: major, minor, name. */
  private static final int HEAD = 3;

  /** Statistics known today (kernel 5.5+). */
  static final int MAX_STATS = 17;

  /** The pre-4.18 form: 3 head columns and 11 statistics. */
  private static final int MIN_COLUMNS = 14;

  private DiskstatsParser() {}

  static List<DiskstatsLine> parse(String text, String file) throws HostFileFormatException {
    List<DiskstatsLine> lines = new ArrayList<>();
    String[] rows = text.split("\n", -1);
    for (int i = 0; i < rows.length; i++) {
      String[] f = Parse.fields(rows[i]);
      if (f.length == 0) {
        continue;
      }
      if (f.length < HEAD + 1) {
        throw new HostFileFormatException(
            Parse.where(file, i + 1)
                + ": expected 'major minor name stats...', got "
                + f.length
                + " columns");
      }
      if (f.length < MIN_COLUMNS) {
        continue;
      }
      long major = Parse.unsignedLong(f[0], file, i + 1);
      long minor = Parse.unsignedLong(f[1], file, i + 1);
      int count = Math.min(f.length - HEAD, MAX_STATS);
      long[] stats = new long[count];
      for (int s = 0; s < count; s++) {
        stats[s] = Parse.unsignedLong(f[HEAD + s], file, i + 1);
      }
      lines.add(new DiskstatsLine(major, minor, f[2], stats));
    }
    return lines;
  }
}
