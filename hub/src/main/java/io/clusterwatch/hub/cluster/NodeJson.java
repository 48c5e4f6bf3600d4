package io.clusterwatch.hub.cluster;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code GET /api/v1/nodes/{host}} (docs/API.md).
 *
 * @param agent null when no agent of this host was seen since the hub started
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record NodeJson(
    String host,
    String status,
    Agent agent,
    Map<String, String> attributes,
    List<GpuJson> gpus,
    List<Series> series) {

  /** The node's agent connection. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Agent(
      String agentId,
      boolean connected,
      Long lastFrameMs,
      Double clockSkewMs,
      long intervalMs,
      String version,
      String bootId,
      long framesReceived,
      long resumes) {}

  /**
   * One stored series with its latest value.
   *
   * @param value null when the latest value is a gap
   * @param timestampMs null when nothing was stored yet
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Series(
      String metric,
      Map<String, String> labels,
      String type,
      String unit,
      Double value,
      Long timestampMs) {}
}
