package io.clusterwatch.agent.config;

/** A configuration file or flag that cannot be used; the message names the key and what was wrong. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
