package io.clusterwatch.agent.jobcgroup;

import io.clusterwatch.agent.collect.CollectorSettings;
import io.clusterwatch.common.config.Checks;
import java.util.Objects;

/**
 * {@code collectors.job_cgroups}: each job's own CPU, memory, I/O and pressure from its cgroup.
 *
 * @param enabled run the collector ({@code enabled}, default true)
 * @param maxJobs the most jobs reported per tick ({@code max_jobs}, default 64, at least 1): the
 *     bound on the series this collector adds, about 13 per job plus 4 per block device it used;
 *     jobs past it (in job id order) are left out with a warning
 */
public record JobCgroupSettings(Boolean enabled, Integer maxJobs) implements CollectorSettings {
  public static final int DEFAULT_MAX_JOBS = 64;

  public JobCgroupSettings {
    enabled = Objects.requireNonNullElse(enabled, true);
    maxJobs =
        Checks.positive("max_jobs", (int) Objects.requireNonNullElse(maxJobs, DEFAULT_MAX_JOBS));
  }
}
