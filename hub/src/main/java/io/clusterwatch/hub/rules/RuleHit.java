package io.clusterwatch.hub.rules;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One instance of a rule's condition that is true now.
 *
 * @param labels what the alert is about: {@code host}, {@code gpu_uuid}, {@code job_id}, {@code
 *     user}, ... (identity: the same labels at the next evaluation are the same alert)
 * @param severity how bad it is
 * @param summary one line for people, with the evidence (values and thresholds)
 * @param value the value that crossed the threshold, NaN when there is no single value
 */
public record RuleHit(Map<String, String> labels, Severity severity, String summary, double value) {
  public RuleHit {
    labels = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(summary, "summary");
  }
}
