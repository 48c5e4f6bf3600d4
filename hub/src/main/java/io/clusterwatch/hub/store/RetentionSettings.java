package io.clusterwatch.hub.store;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.clusterwatch.common.config.Checks;
import java.time.Duration;
import java.util.Objects;

/**
 * {@code store.retention}: how far back each tier keeps values, counted from each host's newest tick.
 *
 * @param raw raw values, one per raw step ({@code raw}, default 1h)
 * @param rollup10s 10 s min/avg/max rollups ({@code rollup_10s}, default 24h)
 * @param rollup60s 60 s min/avg/max rollups ({@code rollup_60s}, default 14d)
 */
public record RetentionSettings(
    Duration raw,
    @JsonProperty("rollup_10s") Duration rollup10s,
    @JsonProperty("rollup_60s") Duration rollup60s) {
  private static final Duration MIN = Duration.ofMinutes(1);

  public RetentionSettings {
    raw = Checks.between("raw", Objects.requireNonNullElse(raw, Duration.ofHours(1)), MIN, Duration.ofDays(365));
    rollup10s = Checks.between("rollup_10s", Objects.requireNonNullElse(rollup10s, Duration.ofHours(24)),
        MIN, Duration.ofDays(365));
    rollup60s = Checks.between("rollup_60s", Objects.requireNonNullElse(rollup60s, Duration.ofDays(14)),
        MIN, Duration.ofDays(3650));
  }

  /** 1 h raw, 24 h of 10 s rollups, 14 days of 60 s rollups. */
  public static RetentionSettings defaults() {
    return new RetentionSettings(null, null, null);
  }
}
