package io.clusterwatch.hub.rules;

import java.time.Duration;

/**
 * {@code rules.health}: node and GPU health thresholds (defaults from field-survey.md 5.2).
 *
 * @param temperatureCriticalCelsius ({@code temperature_critical_celsius}, 85)
 * @param temperatureCriticalFor ({@code temperature_critical_for}, 1m)
 * @param temperatureWarningCelsius ({@code temperature_warning_celsius}, 80)
 * @param temperatureWarningFor ({@code temperature_warning_for}, 5m)
 * @param throttleFor power or thermal clock-event reasons active this long ({@code throttle_for}, 5m)
 * @param diskBusyRatio disk busy time per second at or above this ({@code disk_busy_ratio}, 0.95)
 * @param diskBusyFor ... for this long ({@code disk_busy_for}, 5m)
 * @param agentSilentIntervals an agent silent for this many of its intervals is down
 *     ({@code agent_silent_intervals}, 3)
 * @param xidWindow an XID within this window keeps its alert firing ({@code xid_window}, 5m, as
 *     dcgm-exporter counts XIDs)
 * @param errorCounterWindow IB error counters rising within this window ({@code error_counter_window}, 5m)
 */
public record HealthRulesConfig(
    double temperatureCriticalCelsius,
    Duration temperatureCriticalFor,
    double temperatureWarningCelsius,
    Duration temperatureWarningFor,
    Duration throttleFor,
    double diskBusyRatio,
    Duration diskBusyFor,
    int agentSilentIntervals,
    Duration xidWindow,
    Duration errorCounterWindow) {

  public static HealthRulesConfig defaults() {
    return new HealthRulesConfig(
        85, Duration.ofMinutes(1), 80, Duration.ofMinutes(5), Duration.ofMinutes(5), 0.95,
        Duration.ofMinutes(5), 3, Duration.ofMinutes(5), Duration.ofMinutes(5));
  }
}
