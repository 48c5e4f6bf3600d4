package io.clusterwatch.hub.alerts;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** The body of {@code GET /api/v1/idle} (docs/API.md). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record IdleBoardJson(long timeMs, String groupBy, List<Group> groups) {

  /** The idle GPUs of one value of {@code group_by}, most GPU-minutes wasted first. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Group(String key, int idleGpus, double wastedGpuMinutes, List<Gpu> gpus) {}

  /**
   * One idle GPU.
   *
   * @param gpuIndex a number when the GPU index is one, otherwise its text
   * @param idleSinceMs null when the GPU is idle by an alert but not by its state
   * @param reason the idle alert's summary, or the utilisation threshold it is under
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Gpu(
      String host,
      Object gpuIndex,
      String gpuUuid,
      String jobId,
      String user,
      String jobName,
      Long idleSinceMs,
      double wastedGpuMinutes,
      Double memoryUsedBytes,
      String reason) {}
}
