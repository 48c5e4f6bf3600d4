package io.clusterwatch.hub.rules;

import java.time.Duration;

/**
 * {@code rules.hints}: bottleneck hints shown on the job page. The survey has no published
 * thresholds for these; the defaults are ours: "mostly idle" reuses jobstats' 25 % low-utilisation
 * line, a saturated core is the 90 % busy of XDMoD's CPU efficiency target.
 *
 * @param gpuIdleBelowRatio the job's GPUs' mean utilisation under this is "mostly idle"
 *     ({@code gpu_idle_below_ratio}, 0.25)
 * @param cpuCoreSaturatedRatio a core busier than this is saturated ({@code cpu_core_saturated_ratio}, 0.9)
 * @param diskBusyRatio a disk busier than this is busy ({@code disk_busy_ratio}, 0.8)
 * @param iowaitRatio node-wide iowait share above this is high ({@code iowait_ratio}, 0.2)
 * @param ibNearLineRateRatio IB traffic above this share of the port rate is near line rate
 *     ({@code ib_near_line_rate_ratio}, 0.8)
 * @param window the means are taken over this window ({@code window}, 5m)
 * @param holdFor how long a hint must hold before it shows ({@code for}, 0s: the window already smooths)
 */
public record HintRulesConfig(
    double gpuIdleBelowRatio,
    double cpuCoreSaturatedRatio,
    double diskBusyRatio,
    double iowaitRatio,
    double ibNearLineRateRatio,
    Duration window,
    Duration holdFor) {

  public static HintRulesConfig defaults() {
    return new HintRulesConfig(0.25, 0.9, 0.8, 0.2, 0.8, Duration.ofMinutes(5), Duration.ZERO);
  }
}
