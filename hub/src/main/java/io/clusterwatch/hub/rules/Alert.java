package io.clusterwatch.hub.rules;

import java.time.Instant;
import java.util.Map;

/**
 * One alert and its state.
 *
 * @param rule the rule's name
 * @param group the rule's group ({@code idle}, {@code health}, {@code hint})
 * @param labels identity labels (sorted)
 * @param severity severity of the latest hit
 * @param summary summary of the latest hit
 * @param value value of the latest hit (NaN when none)
 * @param state current state
 * @param activeAt when the condition became true
 * @param firedAt when it started firing, null while pending
 * @param resolvedAt when it resolved, null unless {@code RESOLVED}
 */
public record Alert(
    String rule,
    String group,
    Map<String, String> labels,
    Severity severity,
    String summary,
    double value,
    AlertState state,
    Instant activeAt,
    Instant firedAt,
    Instant resolvedAt) {

  Alert with(AlertState newState, Instant fired, Instant resolved) {
    return new Alert(
        rule, group, labels, severity, summary, value, newState, activeAt, fired, resolved);
  }
}
