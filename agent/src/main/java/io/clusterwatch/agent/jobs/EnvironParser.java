package io.clusterwatch.agent.jobs;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses {@code /proc/<pid>/environ}: {@code NAME=value} entries each ended by a NUL byte
 * (proc(5)). Entries without {@code =} are skipped; for a repeated name the first wins, as with
 * getenv(3).
 */
public final class EnvironParser {
  private EnvironParser() {}

  public static Map<String, String> parse(byte[] environ) {
    Map<String, String> env = new LinkedHashMap<>();
    int start = 0;
    for (int i = 0; i <= environ.length; i++) {
      if (i == environ.length || environ[i] == 0) {
        if (i > start) {
          String entry = new String(environ, start, i - start, StandardCharsets.UTF_8);
          int eq = entry.indexOf('=');
          if (eq > 0) {
            env.putIfAbsent(entry.substring(0, eq), entry.substring(eq + 1));
          }
        }
        start = i + 1;
      }
    }
    return env;
  }
}
