package io.clusterwatch.hub.rules;

import io.clusterwatch.common.config.Checks;
import java.time.Duration;
import java.util.Objects;

/**
 * {@code rules.idle}: thresholds for wasted GPUs (defaults from field-survey.md 5.1).
 *
 * @param noProcessFor an allocated GPU with no process for this long ({@code no_process_for}, 5m)
 * @param lowUtilMaxRatio utilisation at or below this counts as idle ({@code low_util_max_ratio},
 *     0.01)
 * @param lowUtilFor a process holding memory at idle utilisation this long ({@code low_util_for},
 *     10m)
 * @param meanUtilWindow window of the mean-utilisation rule ({@code mean_util_window}, 30m)
 * @param meanUtilBelowRatio mean utilisation under this is low ({@code mean_util_below_ratio},
 *     0.15)
 * @param minRuntime jobs younger than this are not judged on their mean ({@code min_runtime}, 5m)
 */
public record IdleRulesConfig(
    Duration noProcessFor,
    Double lowUtilMaxRatio,
    Duration lowUtilFor,
    Duration meanUtilWindow,
    Double meanUtilBelowRatio,
    Duration minRuntime) {
  public IdleRulesConfig {
    noProcessFor = Objects.requireNonNullElse(noProcessFor, Duration.ofMinutes(5));
    lowUtilMaxRatio =
        Checks.ratio("low_util_max_ratio", Objects.requireNonNullElse(lowUtilMaxRatio, 0.01));
    lowUtilFor = Objects.requireNonNullElse(lowUtilFor, Duration.ofMinutes(10));
    meanUtilWindow =
        Checks.positive(
            "mean_util_window", Objects.requireNonNullElse(meanUtilWindow, Duration.ofMinutes(30)));
    meanUtilBelowRatio =
        Checks.ratio("mean_util_below_ratio", Objects.requireNonNullElse(meanUtilBelowRatio, 0.15));
    minRuntime = Objects.requireNonNullElse(minRuntime, Duration.ofMinutes(5));
  }

  public static IdleRulesConfig defaults() {
    return new IdleRulesConfig(null, null, null, null, null, null);
  }
}
