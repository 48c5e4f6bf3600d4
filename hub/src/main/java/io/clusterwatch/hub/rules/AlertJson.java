package io.clusterwatch.hub.rules;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An alert as it leaves the hub, the same in {@code GET /api/v1/alerts}, the live {@code alerts}
 * message and webhook payloads (docs/API.md conventions: snake_case, times in ms).
 *
 * @param value null when the latest hit carried none
 * @param firedAtMs null while pending
 * @param resolvedAtMs null unless resolved
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AlertJson(
    String rule,
    String group,
    String state,
    String severity,
    String summary,
    Map<String, String> labels,
    Double value,
    Long activeAtMs,
    Long firedAtMs,
    Long resolvedAtMs) {

  public static AlertJson of(Alert a) {
    return new AlertJson(
        a.rule(),
        a.group(),
        a.state().wireName(),
        a.severity().wireName(),
        a.summary(),
        a.labels(),
        Double.isFinite(a.value()) ? a.value() : null,
        ms(a.activeAt()),
        ms(a.firedAt()),
        ms(a.resolvedAt()));
  }

  public static List<AlertJson> of(List<Alert> alerts) {
    return alerts.stream().map(AlertJson::of).toList();
  }

  private static Long ms(Instant t) {
    return t == null ? null : t.toEpochMilli();
  }
}
