package io.clusterwatch.hub.cluster;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** The body of {@code GET /api/v1/cluster} and the data of the live cluster view (docs/API.md). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ClusterJson(long timeMs, Counts counts, List<Node> nodes) {

  /** Nodes by status, GPUs by state, and alerts firing. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Counts(
      int nodesUp,
      int nodesDown,
      int gpusBusy,
      int gpusIdle,
      int gpusFree,
      int gpusStale,
      int alertsFiring) {}

  /**
   * One node with its GPUs.
   *
   * @param status {@code up} or {@code down}
   * @param lastFrameMs null before the first frame
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Node(
      String host,
      String status,
      Long lastFrameMs,
      Double cpuUtilizationRatio,
      Double memoryUsedRatio,
      List<GpuJson> gpus) {}
}
