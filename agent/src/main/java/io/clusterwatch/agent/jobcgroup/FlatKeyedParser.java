package io.clusterwatch.agent.jobcgroup;

import io.clusterwatch.agent.host.HostFileFormatException;
import io.clusterwatch.agent.host.Parse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses the kernel's "flat keyed" cgroup files, one {@code key value} per line ({@code
 * Documentation/admin-guide/cgroup-v2.rst}, "Format"): v2 {@code cpu.stat} and {@code
 * memory.events}, v1 {@code cpu.stat} and {@code memory.oom_control}. Every key is kept; the reader
 * picks the ones it knows, so keys added by newer kernels ({@code nr_bursts}, {@code
 * core_sched.force_idle_usec}) pass unnoticed.
 */
final class FlatKeyedParser {
  private FlatKeyedParser() {}

  /**
   * @throws HostFileFormatException naming the line when it is not {@code key unsigned-value}
   */
  static Map<String, Long> parse(String text, String file) throws HostFileFormatException {
    Map<String, Long> out = new LinkedHashMap<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String[] f = Parse.fields(lines[i]);
      if (f.length == 0) {
        continue;
      }
      if (f.length != 2) {
        throw new HostFileFormatException(
            Parse.where(file, i + 1) + ": expected 'key value', got '" + lines[i].strip() + "'");
      }
      out.put(f[0], Parse.unsignedLong(f[1], file, i + 1));
    }
    return out;
  }
}
