package io.clusterwatch.hub.cluster;

import io.clusterwatch.common.config.ByteSize;
import io.clusterwatch.common.config.Checks;
import java.util.Objects;

/**
 * {@code gpu}: how GPU values become the states the dashboard shows.
 *
 * @param idleThresholdRatio utilisation at or under this, 0 to 1, counts as idle ({@code
 *     idle_threshold_ratio}, default 0.01)
 * @param memoryHeldIdle more memory used than this at zero utilisation marks the GPU as holding
 *     memory while idle ({@code memory_held_idle}, default 1GiB)
 */
public record GpuSettings(Double idleThresholdRatio, ByteSize memoryHeldIdle) {
  public GpuSettings {
    idleThresholdRatio =
        Checks.ratio("idle_threshold_ratio", Objects.requireNonNullElse(idleThresholdRatio, 0.01));
    memoryHeldIdle = Objects.requireNonNullElse(memoryHeldIdle, ByteSize.ofGiB(1));
  }

  public static GpuSettings defaults() {
    return new GpuSettings(null, null);
  }
}
