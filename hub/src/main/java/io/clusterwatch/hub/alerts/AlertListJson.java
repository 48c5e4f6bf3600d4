package io.clusterwatch.hub.alerts;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.clusterwatch.hub.rules.Alert;
import io.clusterwatch.hub.rules.AlertJson;
import java.util.List;

/** The body of {@code GET /api/v1/alerts} (docs/API.md). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AlertListJson(long timeMs, List<AlertJson> alerts) {

  public static AlertListJson of(long timeMs, List<Alert> alerts) {
    return new AlertListJson(timeMs, AlertJson.of(alerts));
  }
}
