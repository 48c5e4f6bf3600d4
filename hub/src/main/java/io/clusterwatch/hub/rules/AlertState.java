package io.clusterwatch.hub.rules;

/**
 * Prometheus alert states ({@code rules/alerting.go}): a condition that becomes true is {@code
 * PENDING} until it has held for the rule's {@code for} duration, then {@code FIRING}; a firing
 * alert whose condition is false is {@code RESOLVED} (kept for a while so it can be shown and
 * notified); a pending alert whose condition is false goes back to {@code INACTIVE} and is dropped.
 */
public enum AlertState {
  INACTIVE,
  PENDING,
  FIRING,
  RESOLVED;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
