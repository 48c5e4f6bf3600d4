package io.clusterwatch.agent.gpu;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * One MIG device of a MIG-enabled GPU.
 *
 * @param uuid {@code MIG-...}
 * @param memoryUsedBytes memory used by contexts on this instance
 * @param memoryTotalBytes memory of this instance
 * @param gauges this instance's own profiling gauges (NVML GPM) in base units; empty where the GPU
 *     has no GPM or before the second sample
 */
public record MigInstance(
    String uuid, long memoryUsedBytes, long memoryTotalBytes, Map<GpuGauge, Double> gauges) {
  public MigInstance {
    Objects.requireNonNull(uuid, "uuid");
    EnumMap<GpuGauge, Double> copy = new EnumMap<>(GpuGauge.class);
    copy.putAll(gauges);
    gauges = Collections.unmodifiableMap(copy);
  }

  /** An instance without profiling gauges. */
  public MigInstance(String uuid, long memoryUsedBytes, long memoryTotalBytes) {
    this(uuid, memoryUsedBytes, memoryTotalBytes, Map.of());
  }
}
