package io.clusterwatch.hub.rules;

import java.time.Duration;

/**
 * {@code rules.idle}: thresholds for wasted GPUs (defaults from field-survey.md 5.1).
 *
 * @param noProcessFor an allocated GPU with no process for this long ({@code no_process_for}, 5m)
 * @param lowUtilMaxRatio utilisation at or below this counts as idle ({@code low_util_max_ratio}, 0.01)
 * @param lowUtilFor a process holding memory at idle utilisation this long ({@code low_util_for}, 10m)
 * @param meanUtilWindow window of the mean-utilisation rule ({@code mean_util_window}, 30m)
 * @param meanUtilBelowRatio mean utilisation under this is low ({@code mean_util_below_ratio}, 0.15)
 * @param minRuntime jobs younger than this are not judged on their mean ({@code min_runtime}, 5m)
 */
public record IdleRulesConfig(
    Duration noProcessFor,
    double lowUtilMaxRatio,
    Duration lowUtilFor,
    Duration meanUtilWindow,
    double meanUtilBelowRatio,
    Duration minRuntime) {

  public static IdleRulesConfig defaults() {
    return new IdleRulesConfig(
        Duration.ofMinutes(5), 0.01, Duration.ofMinutes(10), Duration.ofMinutes(30), 0.15, Duration.ofMinutes(5));
  }
}
