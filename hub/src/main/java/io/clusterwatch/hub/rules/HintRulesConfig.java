package io.clusterwatch.hub.rules;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.clusterwatch.common.config.Checks;
import java.time.Duration;
import java.util.Objects;

/**
 * {@code rules.hints}: bottleneck hints shown on the job page. The survey has no published
 * thresholds for these; the defaults are ours: "mostly idle" reuses jobstats' 25 % low-utilisation
 * line, a saturated core is the 90 % busy of XDMoD's CPU efficiency target.
 *
 * @param gpuIdleBelowRatio the job's GPUs' mean utilisation under this is "mostly idle" ({@code
 *     gpu_idle_below_ratio}, 0.25)
 * @param cpuCoreSaturatedRatio a core busier than this is saturated ({@code
 *     cpu_core_saturated_ratio}, 0.9)
 * @param diskBusyRatio a disk busier than this is busy ({@code disk_busy_ratio}, 0.8)
 * @param iowaitRatio node-wide iowait share above this is high ({@code iowait_ratio}, 0.2)
 * @param ibNearLineRateRatio IB traffic above this share of the port rate is near line rate ({@code
 *     ib_near_line_rate_ratio}, 0.8)
 * @param window the means are taken over this window ({@code window}, 5m)
 * @param holdFor how long a hint must hold before it shows ({@code for}, a Java keyword, hence the
 *     explicit name; 0s: the window already smooths)
 */
public record HintRulesConfig(
    Double gpuIdleBelowRatio,
    Double cpuCoreSaturatedRatio,
    Double diskBusyRatio,
    Double iowaitRatio,
    Double ibNearLineRateRatio,
    Duration window,
    @JsonProperty("for") Duration holdFor) {
  public HintRulesConfig {
    gpuIdleBelowRatio =
        Checks.ratio("gpu_idle_below_ratio", Objects.requireNonNullElse(gpuIdleBelowRatio, 0.25));
    cpuCoreSaturatedRatio =
        Checks.ratio(
            "cpu_core_saturated_ratio", Objects.requireNonNullElse(cpuCoreSaturatedRatio, 0.9));
    diskBusyRatio = Checks.ratio("disk_busy_ratio", Objects.requireNonNullElse(diskBusyRatio, 0.8));
    iowaitRatio = Checks.ratio("iowait_ratio", Objects.requireNonNullElse(iowaitRatio, 0.2));
    ibNearLineRateRatio =
        Checks.ratio(
            "ib_near_line_rate_ratio", Objects.requireNonNullElse(ibNearLineRateRatio, 0.8));
    window = Checks.positive("window", Objects.requireNonNullElse(window, Duration.ofMinutes(5)));
    holdFor = Objects.requireNonNullElse(holdFor, Duration.ZERO);
  }

  public static HintRulesConfig defaults() {
    return new HintRulesConfig(null, null, null, null, null, null, null);
  }
}
