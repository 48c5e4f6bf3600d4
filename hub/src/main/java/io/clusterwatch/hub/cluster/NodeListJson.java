package io.clusterwatch.hub.cluster;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** The body of {@code GET /api/v1/nodes} (docs/API.md). */
public record NodeListJson(List<Entry> nodes) {

  /**
   * One node.
   *
   * @param agentId null when no agent of this host was seen since the hub started
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Entry(
      String host, String status, int gpus, Long lastFrameMs, String agentId, boolean connected) {}
}
