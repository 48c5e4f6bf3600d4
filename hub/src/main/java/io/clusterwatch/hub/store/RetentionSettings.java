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
    raw = within("raw", raw, StoreConfig.DEFAULT_RAW_RETENTION_MS, 1, 365);
    rollup10s =
        within("rollup_10s", rollup10s, StoreConfig.DEFAULT_ROLLUP_10S_RETENTION_MS, 10, 365);
    rollup60s =
        within("rollup_60s", rollup60s, StoreConfig.DEFAULT_ROLLUP_60S_RETENTION_MS, 60, 3650);
  }

  /**
   * {@code value}, or {@code defaultMs} where the key is absent, checked to lie between {@code
   * minSeconds} (a tier keeps at least one of its steps) and {@code maxDays}.
   */
  private static Duration within(
      String key, Duration value, long defaultMs, long minSeconds, long maxDays) {
    return Checks.between(
        key,
        Objects.requireNonNullElse(value, Duration.ofMillis(defaultMs)),
        Duration.ofSeconds(minSeconds),
        Duration.ofDays(maxDays));
  }

  /** 48 h raw, 30 days of 10 s rollups, a year of 60 s rollups. */
  public static RetentionSettings defaults() {
    return new RetentionSettings(null, null, null);
  }
}
