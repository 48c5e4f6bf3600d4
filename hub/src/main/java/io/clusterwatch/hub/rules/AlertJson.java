package io.clusterwatch.hub.rules;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** An alert as JSON-ready map, snake_case and ms times (docs/API.md conventions). */
public final class AlertJson {
  private AlertJson() {}

  public static Map<String, Object> toMap(Alert a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rule", a.rule());
    m.put("group", a.group());
    m.put("state", a.state().wireName());
    m.put("severity", a.severity().wireName());
    m.put("summary", a.summary());
    m.put("labels", a.labels());
    m.put("value", Double.isFinite(a.value()) ? a.value() : null);
    m.put("active_at_ms", ms(a.activeAt()));
    m.put("fired_at_ms", ms(a.firedAt()));
    m.put("resolved_at_ms", ms(a.resolvedAt()));
    return m;
  }

  private static Long ms(Instant t) {
    return t == null ? null : t.toEpochMilli();
  }
}
