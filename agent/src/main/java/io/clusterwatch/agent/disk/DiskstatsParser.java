package io.clusterwatch.agent.disk;

import io.clusterwatch.agent.host.HostFileFormatException;
import io.clusterwatch.agent.host.Parse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

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
    return parse(text, file, device -> true);
  }

  /**
   * The lines of the devices {@code keep} accepts (given the device name as printed). A line of
   * another device is checked for its column count only, not split or parsed: most lines of a
   * node's diskstats are partitions and loop devices that the disk collector leaves out.
   */
  static List<DiskstatsLine> parse(String text, String file, Predicate<String> keep)
      throws HostFileFormatException {
    List<DiskstatsLine> lines = new ArrayList<>();
    String[] rows = text.split("\n", -1);
    for (int i = 0; i < rows.length; i++) {
      int columns = Parse.fieldCount(rows[i]);
      if (columns == 0) {
        continue;
      }
      if (columns < HEAD + 1) {
        throw new HostFileFormatException(
            Parse.where(file, i + 1)
                + ": expected 'major minor name stats...', got "
                + columns
                + " columns");
      }
      if (columns < MIN_COLUMNS || !keep.test(Parse.field(rows[i], HEAD - 1))) {
        continue;
      }
      String[] f = Parse.fields(rows[i]);
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
