package io.clusterwatch.common.config;

/**
 * A configuration value that cannot be used, named by its key path ({@code ingest.max_frame}) and,
 * once known, the file it came from. The message is one line meant for the person who wrote the
 * file: {@code config/hub.yaml: ingest.max_frame: '1 MB' is not a byte size (...)}.
 *
 * <p>A section record throws it with its own key ({@code max_frame}) from its constructor; {@link
 * ConfigReader} prefixes the path of the section and the file, so records need not know where they
 * sit.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final String key;
  private final String problem;

  public ConfigException(String key, String problem) {
    this("", key, problem);
  }

  private ConfigException(String source, String key, String problem) {
    super(render(source, key, problem));
    this.source = source;
    this.key = key;
    this.problem = problem;
  }

  private static String render(String source, String key, String problem) {
    StringBuilder b = new StringBuilder();
    if (!source.isEmpty()) {
      b.append(source).append(": ");
    }
    if (!key.isEmpty()) {
      b.append(key).append(": ");
    }
    return b.append(problem).toString();
  }

  /** The key path, relative to where the exception was raised; empty for the whole document. */
  public String key() {
    return key;
  }

  /** What was wrong, without the key. */
  public String problem() {
    return problem;
  }

  /** The file (or flag) the value came from; empty when not known. */
  public String source() {
    return source;
  }

  /** The same problem, seen from {@code parent} (a section path, possibly empty). */
  public ConfigException under(String parent) {
    if (parent.isEmpty()) {
      return this;
    }
    return new ConfigException(source, key.isEmpty() ? parent : parent + "." + key, problem);
  }

  /** The same problem, from {@code file}. */
  public ConfigException from(String file) {
    return new ConfigException(file == null ? "" : file, key, problem);
  }
}
