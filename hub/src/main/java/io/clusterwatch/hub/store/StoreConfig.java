package io.clusterwatch.hub.store;

import java.time.Duration;
import java.util.List;

/**
 * Shape and limits of a {@link ColumnarSampleStore}.
 *
 * @param rawStepMs the raw tier's step: the agents' sampling interval (one value per step)
 * @param rawRetentionMs how far back raw values are kept, counted from the host's newest tick
 * @param rollups rollup tiers, finest first; each step a multiple of the raw step and of the
 *     previous tier's step
 * @param maxSeriesPerHost most columns one host may hold (a table that would exceed it is refused)
 */
public record StoreConfig(
    long rawStepMs, long rawRetentionMs, List<RollupTierConfig> rollups, int maxSeriesPerHost) {
  public static final long DEFAULT_RAW_STEP_MS = 1_000;
  public static final long DEFAULT_RAW_RETENTION_MS = Duration.ofHours(1).toMillis();
  public static final int DEFAULT_MAX_SERIES_PER_HOST = 20_000;

  public StoreConfig {
    rollups = List.copyOf(rollups);
    if (rawStepMs <= 0) {
      throw new IllegalArgumentException("raw step must be positive, got " + rawStepMs + " ms");
    }
    if (rawRetentionMs < rawStepMs) {
      throw new IllegalArgumentException(
          "raw retention " + rawRetentionMs + " ms is shorter than the raw step " + rawStepMs + " ms");
    }
    if (maxSeriesPerHost < 1) {
      throw new IllegalArgumentException("maxSeriesPerHost must be at least 1");
    }
    long previous = rawStepMs;
    for (RollupTierConfig tier : rollups) {
      if (tier.stepMs() <= previous || tier.stepMs() % previous != 0) {
        throw new IllegalArgumentException(
            "rollup step " + tier.stepMs() + " ms must be a larger multiple of " + previous + " ms");
      }
      previous = tier.stepMs();
    }
  }

  /** 1 s raw values for 1 h; 10 s rollups for 24 h; 60 s rollups for 14 days. */
  public static StoreConfig defaults() {
    return new StoreConfig(
        DEFAULT_RAW_STEP_MS,
        DEFAULT_RAW_RETENTION_MS,
        List.of(
            new RollupTierConfig(10_000, Duration.ofHours(24).toMillis()),
            new RollupTierConfig(60_000, Duration.ofDays(14).toMillis())),
        DEFAULT_MAX_SERIES_PER_HOST);
  }
}
