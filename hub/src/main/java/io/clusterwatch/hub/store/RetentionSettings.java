package io.clusterwatch.hub.store;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.clusterwatch.common.config.Checks;
import java.time.Duration;
import java.util.Objects;

/**
 * {@code store.retention}: how far back each tier keeps values, counted from each host's newest
 * tick.
 *
 * @param raw raw values, one per raw step ({@code raw}, default 48h)
 * @param rollup10s 10 s min/avg/max rollups ({@code rollup_10s}, default 30d)
 * @param rollup60s 60 s min/avg/max rollups ({@code rollup_60s}, default 365d)
 */
public record RetentionSettings(
    Duration raw,
    @JsonProperty("rollup_10s") Duration rollup10s,
    @JsonProperty("rollup_60s") Duration rollup60s) {

  public RetentionSettings {
    raw =
        Checks.between(
            "raw",
            Objects.requireNonNullElse(
                raw, Duration.ofMillis(StoreConfig.DEFAULT_RAW_RETENTION_MS)),
            Duration.ofSeconds(1),
            Duration.ofDays(365));
    rollup10s =
        Checks.between(
            "rollup_10s",
            Objects.requireNonNullElse(
                rollup10s, Duration.ofMillis(StoreConfig.DEFAULT_ROLLUP_10S_RETENTION_MS)),
            Duration.ofSeconds(10),
            Duration.ofDays(365));
    rollup60s =
        Checks.between(
            "rollup_60s",
            Objects.requireNonNullElse(
                rollup60s, Duration.ofMillis(StoreConfig.DEFAULT_ROLLUP_60S_RETENTION_MS)),
            Duration.ofSeconds(60),
            Duration.ofDays(3650));
  }

  /** 48 h raw, 30 days of 10 s rollups, a year of 60 s rollups. */
  public static RetentionSettings defaults() {
    return new RetentionSettings(null, null, null);
  }
}
