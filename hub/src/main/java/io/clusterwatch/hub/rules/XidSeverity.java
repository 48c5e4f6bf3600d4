package io.clusterwatch.hub.rules;

import java.util.Set;

/**
 * Severity of an XID as DCGM's health watch treats it (DCGM {@code
 * modules/health/DcgmHealthWatch.cpp}, summarised in field-survey.md 5.2): 48, 74, 79, 95, 119,
 * 120, 140 always fail, as does 64 (memory: row-remapping failure); every other XID is a warning.
 */
public final class XidSeverity {
  static final Set<Integer> FATAL = Set.of(48, 64, 74, 79, 95, 119, 120, 140);

  private XidSeverity() {}

  public static Severity of(int xid) {
    return FATAL.contains(xid) ? Severity.CRITICAL : Severity.WARNING;
  }
}
