package io.clusterwatch.agent.memory;

import io.clusterwatch.agent.host.HostFileFormatException;
import io.clusterwatch.agent.host.Parse;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code /proc/meminfo} ({@code Key: <value> kB} or {@code Key: <count>} lines, kernel
 * {@code fs/proc/meminfo.c}). Every key present is returned; keys a kernel lacks (MemAvailable
 * before 3.14) are simply not there.
 */
final class MeminfoParser {
  private MeminfoParser() {}

  static List<MeminfoField> parse(String text, String file) throws HostFileFormatException {
    List<MeminfoField> fields = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank()) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new HostFileFormatException(
            Parse.where(file, i + 1) + ": expected 'Key: value [kB]', got '" + line.strip() + "'");
      }
      String key = line.substring(0, colon).strip();
      String[] rest = Parse.fields(line.substring(colon + 1));
      boolean kib;
      if (rest.length == 1) {
        kib = false;
      } else if (rest.length == 2 && rest[1].equals("kB")) {
        kib = true;
      } else {
        throw new HostFileFormatException(
            Parse.where(file, i + 1) + ": expected '<number> [kB]' after '" + key + ":'");
      }
      fields.add(new MeminfoField(key, Parse.unsignedLong(rest[0], file, i + 1), kib));
    }
    return fields;
  }
}
