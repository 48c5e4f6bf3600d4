package io.clusterwatch.hub.store;

import io.clusterwatch.common.config.ByteSize;
import io.clusterwatch.common.config.Checks;
import io.clusterwatch.common.config.ConfigException;
import io.clusterwatch.common.config.Durations;
import java.time.Duration;
import java.util.Objects;

/**
 * {@code store}: the sample store's step, its retention and where it keeps its data.
 *
 * @param rawStep the raw tier's step: the agents' sampling interval; must divide 10s, the first
 *     rollup's step ({@code raw_step}, default 1s)
 * @param retention how long each tier keeps values ({@code retention})
 * @param path the data directory (write-ahead log); empty means memory only, nothing survives a
 *     restart ({@code path}, default empty; {@code --data})
 * @param walSync longest wait between two fsyncs of the write-ahead log, the group commit ({@code
 *     wal_sync}, default 1s)
 * @param memoryBudget most bytes of sealed chunks, read back from the chunk files, kept cached in
 *     memory ({@code memory_budget}, default 256MiB)
 */
public record StoreSettings(
    Duration rawStep,
    RetentionSettings retention,
    String path,
    Duration walSync,
    ByteSize memoryBudget) {
  /** The first rollup tier's step; the raw step must divide it. */
  public static final Duration FIRST_ROLLUP_STEP = Duration.ofSeconds(10);

  public StoreSettings {
    rawStep =
        Checks.between(
            "raw_step",
            Objects.requireNonNullElse(rawStep, Duration.ofSeconds(1)),
            Duration.ofMillis(1),
            FIRST_ROLLUP_STEP);
    if (FIRST_ROLLUP_STEP.toMillis() % rawStep.toMillis() != 0) {
      throw new ConfigException(
          "raw_step",
          "must divide "
              + Durations.format(FIRST_ROLLUP_STEP)
              + " (the first rollup step), got "
              + Durations.format(rawStep));
    }
    retention = Objects.requireNonNullElse(retention, RetentionSettings.defaults());
    path = Objects.requireNonNullElse(path, "").trim();
    walSync =
        Checks.between(
            "wal_sync",
            Objects.requireNonNullElse(walSync, Duration.ofSeconds(1)),
            Duration.ofMillis(1),
            Duration.ofMinutes(1));
    memoryBudget =
        Objects.requireNonNullElse(
            memoryBudget, new ByteSize(StoreConfig.DEFAULT_MEMORY_BUDGET_BYTES));
  }

  /** 1 s steps, default retention, memory only. */
  public static StoreSettings defaults() {
    return new StoreSettings(null, null, null, null, null);
  }
}
