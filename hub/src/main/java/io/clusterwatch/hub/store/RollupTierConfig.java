package io.clusterwatch.hub.store;

/**
 * One rollup tier: per bucket of {@code stepMs}, the min, average and max of the raw values that
 * fell in it, kept for {@code retentionMs}.
 *
 * @param stepMs bucket width in ms; a multiple of the raw step
 * @param retentionMs how far back buckets are kept, counted from the host's newest tick
 */
public record RollupTierConfig(long stepMs, long retentionMs) {
  public RollupTierConfig {
    if (stepMs <= 0) {
      throw new IllegalArgumentException("rollup step must be positive, got " + stepMs + " ms");
    }
    if (retentionMs < stepMs) {
      throw new IllegalArgumentException(
          "rollup retention " + retentionMs + " ms is shorter than its step " + stepMs + " ms");
    }
  }
}
