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
 * @param blockMs length of a time block, the same for every tier: when a block closes, each tier's
 *     values in it are sealed (compressed, and written to one file per tier and block when the
 *     store has a directory). A multiple of every tier's step. One length for all tiers means that
 *     once a block is sealed, nothing of it (raw or rollup) needs the write-ahead log any more.
 * @param memoryBudgetBytes most bytes of sealed chunks read back from disk that stay cached
 * @param sealGraceMs how long after a block's end (by the newest tick of any host) the sealed
 *     blocks of all hosts wait to be written together as one file; a host later than that gets a
 *     file of its own for the block
 */
public record StoreConfig(
    long rawStepMs,
    long rawRetentionMs,
    List<RollupTierConfig> rollups,
    int maxSeriesPerHost,
    long blockMs,
    long memoryBudgetBytes,
    long sealGraceMs) {
  public static final long DEFAULT_RAW_STEP_MS = 1_000;
  public static final long DEFAULT_RAW_RETENTION_MS = Duration.ofHours(48).toMillis();
  public static final long DEFAULT_ROLLUP_10S_RETENTION_MS = Duration.ofDays(30).toMillis();
  public static final long DEFAULT_ROLLUP_60S_RETENTION_MS = Duration.ofDays(365).toMillis();
  public static final int DEFAULT_MAX_SERIES_PER_HOST = 20_000;
  public static final long DEFAULT_BLOCK_MS = Duration.ofMinutes(30).toMillis();
  public static final long DEFAULT_MEMORY_BUDGET_BYTES = 256L << 20;
  public static final long DEFAULT_SEAL_GRACE_MS = 60_000;

  /** A store with the default block length, cache budget and seal grace. */
  public StoreConfig(
      long rawStepMs, long rawRetentionMs, List<RollupTierConfig> rollups, int maxSeriesPerHost) {
    this(
        rawStepMs,
        rawRetentionMs,
        rollups,
        maxSeriesPerHost,
        defaultBlockMs(rawStepMs, rollups),
        DEFAULT_MEMORY_BUDGET_BYTES,
        DEFAULT_SEAL_GRACE_MS);
  }

  /** The default block (30 min) rounded up to a multiple of the coarsest step. */
  private static long defaultBlockMs(long rawStepMs, List<RollupTierConfig> rollups) {
    long coarsest = rollups.isEmpty() ? rawStepMs : rollups.get(rollups.size() - 1).stepMs();
    return coarsest <= 0
        ? DEFAULT_BLOCK_MS
        : Math.max(1, (DEFAULT_BLOCK_MS + coarsest - 1) / coarsest) * coarsest;
  }

  /** A copy with another block length, cache budget and seal grace. */
  public StoreConfig withSealing(long blockMs, long memoryBudgetBytes, long sealGraceMs) {
    return new StoreConfig(
        rawStepMs,
        rawRetentionMs,
        rollups,
        maxSeriesPerHost,
        blockMs,
        memoryBudgetBytes,
        sealGraceMs);
  }

  public StoreConfig {
    rollups = List.copyOf(rollups);
    if (rawStepMs <= 0) {
      throw new IllegalArgumentException("raw step must be positive, got " + rawStepMs + " ms");
    }
    if (rawRetentionMs < rawStepMs) {
      throw new IllegalArgumentException(
          "raw retention "
              + rawRetentionMs
              + " ms is shorter than the raw step "
              + rawStepMs
              + " ms");
    }
    if (maxSeriesPerHost < 1) {
      throw new IllegalArgumentException("maxSeriesPerHost must be at least 1");
    }
    long previous = rawStepMs;
    for (RollupTierConfig tier : rollups) {
      if (tier.stepMs() <= previous || tier.stepMs() % previous != 0) {
        throw new IllegalArgumentException(
            "rollup step "
                + tier.stepMs()
                + " ms must be a larger multiple of "
                + previous
                + " ms");
      }
      previous = tier.stepMs();
    }
    if (blockMs <= 0 || blockMs % previous != 0) {
      throw new IllegalArgumentException(
          "block length "
              + blockMs
              + " ms must be a positive multiple of the coarsest step "
              + previous
              + " ms");
    }
    if (memoryBudgetBytes < 0) {
      throw new IllegalArgumentException(
          "memory budget must not be negative, got " + memoryBudgetBytes);
    }
    if (sealGraceMs < 0) {
      throw new IllegalArgumentException(
          "seal grace must not be negative, got " + sealGraceMs + " ms");
    }
  }

  /** 1 s raw values for 48 h; 10 s rollups for 30 days; 60 s rollups for 1 year; 30 min blocks. */
  public static StoreConfig defaults() {
    return new StoreConfig(
        DEFAULT_RAW_STEP_MS,
        DEFAULT_RAW_RETENTION_MS,
        List.of(
            new RollupTierConfig(10_000, DEFAULT_ROLLUP_10S_RETENTION_MS),
            new RollupTierConfig(60_000, DEFAULT_ROLLUP_60S_RETENTION_MS)),
        DEFAULT_MAX_SERIES_PER_HOST);
  }
}
