package io.clusterwatch.hub.rules;

import io.clusterwatch.common.config.Checks;
import java.time.Duration;
import java.util.Objects;

/**
 * {@code rules.health}: node and GPU health thresholds (defaults from field-survey.md 5.2).
 *
 * @param temperatureCriticalCelsius ({@code temperature_critical_celsius}, 85)
 * @param temperatureCriticalFor ({@code temperature_critical_for}, 1m)
 * @param temperatureWarningCelsius ({@code temperature_warning_celsius}, 80)
 * @param temperatureWarningFor ({@code temperature_warning_for}, 5m)
 * @param throttleFor power or thermal clock-event reasons active this long ({@code throttle_for},
 *     5m)
 * @param diskBusyRatio disk busy time per second at or above this ({@code disk_busy_ratio}, 0.95)
 * @param diskBusyFor ... for this long ({@code disk_busy_for}, 5m)
 * @param agentSilentIntervals an agent silent for this many of its intervals is down ({@code
 *     agent_silent_intervals}, 3)
 * @param xidWindow an XID within this window keeps its alert firing ({@code xid_window}, 5m, as
 *     dcgm-exporter counts XIDs)
 * @param errorCounterWindow IB error counters rising within this window ({@code
 *     error_counter_window}, 5m)
 */
public record HealthRulesConfig(
    Double temperatureCriticalCelsius,
    Duration temperatureCriticalFor,
    Double temperatureWarningCelsius,
    Duration temperatureWarningFor,
    Duration throttleFor,
    Double diskBusyRatio,
    Duration diskBusyFor,
    Integer agentSilentIntervals,
    Duration xidWindow,
    Duration errorCounterWindow) {
  public HealthRulesConfig {
    temperatureCriticalCelsius =
        Checks.nonNegative(
            "temperature_critical_celsius",
            Objects.requireNonNullElse(temperatureCriticalCelsius, 85.0));
    temperatureCriticalFor =
        Objects.requireNonNullElse(temperatureCriticalFor, Duration.ofMinutes(1));
    temperatureWarningCelsius =
        Checks.nonNegative(
            "temperature_warning_celsius",
            Objects.requireNonNullElse(temperatureWarningCelsius, 80.0));
    temperatureWarningFor =
        Objects.requireNonNullElse(temperatureWarningFor, Duration.ofMinutes(5));
    throttleFor = Objects.requireNonNullElse(throttleFor, Duration.ofMinutes(5));
    diskBusyRatio =
        Checks.ratio("disk_busy_ratio", Objects.requireNonNullElse(diskBusyRatio, 0.95));
    diskBusyFor = Objects.requireNonNullElse(diskBusyFor, Duration.ofMinutes(5));
    agentSilentIntervals =
        Checks.positive(
            "agent_silent_intervals", Objects.requireNonNullElse(agentSilentIntervals, 3));
    xidWindow =
        Checks.positive("xid_window", Objects.requireNonNullElse(xidWindow, Duration.ofMinutes(5)));
    errorCounterWindow =
        Checks.positive(
            "error_counter_window",
            Objects.requireNonNullElse(errorCounterWindow, Duration.ofMinutes(5)));
  }

  public static HealthRulesConfig defaults() {
    return new HealthRulesConfig(null, null, null, null, null, null, null, null, null, null);
  }
}
