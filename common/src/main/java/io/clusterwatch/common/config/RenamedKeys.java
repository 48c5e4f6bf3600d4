package io.clusterwatch.common.config;

import java.util.Map;
import java.util.Optional;

/**
 * Keys that an earlier release accepted under another name (or with a unit suffix), by full path,
 * with what to write instead. A file that still uses one stops start-up with an error that names
 * the new spelling rather than a bare "unknown key".
 */
public final class RenamedKeys {
  private final Map<String, String> replacements;

  private RenamedKeys(Map<String, String> replacements) {
    this.replacements = Map.copyOf(replacements);
  }

  /** {@code oldPath -> what to write instead}, e.g. {@code "store.raw_retention_seconds" -> "store.retention.raw: 48h"}. */
  public static RenamedKeys of(Map<String, String> replacements) {
    return new RenamedKeys(replacements);
  }

  public static RenamedKeys none() {
    return new RenamedKeys(Map.of());
  }

  /** The new spelling of {@code path}, if it is an old key. */
  public Optional<String> replacement(String path) {
    return Optional.ofNullable(replacements.get(path));
  }
}
