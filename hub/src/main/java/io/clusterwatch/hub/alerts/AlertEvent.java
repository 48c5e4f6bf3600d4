package io.clusterwatch.hub.alerts;

import java.util.Map;

/**
 * One alert state change worth drawing on a chart: an alert that started firing or resolved.
 *
 * @param timeMs when it fired or resolved (the evaluation time)
 * @param kind {@code alert_fired} or {@code alert_resolved}
 * @param labels the alert's labels ({@code host}, {@code gpu_uuid}, {@code job_id}, ...)
 */
public record AlertEvent(
    long timeMs,
    String kind,
    String rule,
    String group,
    String severity,
    String summary,
    Map<String, String> labels) {
  public static final String FIRED = "alert_fired";
  public static final String RESOLVED = "alert_resolved";

  public String host() {
    return labels.getOrDefault("host", "");
  }

  public String gpuUuid() {
    return labels.get("gpu_uuid");
  }
}
