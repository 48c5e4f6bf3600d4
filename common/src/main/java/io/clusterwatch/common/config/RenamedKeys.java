package io.clusterwatch.common.config;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Keys that an earlier release accepted under another name (or with a unit suffix), by full path,
 * with what to write instead. A file that still uses one stops start-up with an error that names
 * the new spelling rather than a bare "unknown key".
 */
public final class RenamedKeys {
  /** {@code [0]} in {@code jobs.static[0].start_ms}. */
  private static final Pattern LIST_INDEX = Pattern.compile("\\[\\d+]");

  private final Map<String, String> replacements;

  private RenamedKeys(Map<String, String> replacements) {
    this.replacements = Map.copyOf(replacements);
  }

  /**
   * {@code oldPath -> what to write instead}, e.g. {@code "store.raw_retention_seconds" ->
   * "store.retention.raw: 48h"}.
   */
  public static RenamedKeys of(Map<String, String> replacements) {
    return new RenamedKeys(replacements);
  }

  public static RenamedKeys none() {
    return new RenamedKeys(Map.of());
  }

  /**
   * The new spelling of {@code path}, if it is an old key. List indices do not matter: an entry for
   * {@code jobs.static.start_ms} also answers for {@code jobs.static[3].start_ms}.
   */
  public Optional<String> replacement(String path) {
    String exact = replacements.get(path);
    if (exact != null) {
      return Optional.of(exact);
    }
    return Optional.ofNullable(replacements.get(LIST_INDEX.matcher(path).replaceAll("")));
  }
}
