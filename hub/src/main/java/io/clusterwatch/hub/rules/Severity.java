package io.clusterwatch.hub.rules;

/** How bad an alert is; {@code INFO} is a hint shown on the job page, not something to page on. */
public enum Severity {
  INFO,
  WARNING,
  CRITICAL;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
