package io.clusterwatch.agent.jobcgroup;

import io.clusterwatch.agent.collect.Collector;
import io.clusterwatch.agent.collect.CollectorContext;
import io.clusterwatch.agent.collect.CollectorFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code collectors.job_cgroups}: each job's own cgroup figures, see {@link JobCgroupCollector}.
 */
public final class JobCgroupCollectorFactory implements CollectorFactory<JobCgroupSettings> {
  static final String NAME = "job_cgroups";

  public JobCgroupCollectorFactory() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Class<JobCgroupSettings> settingsType() {
    return JobCgroupSettings.class;
  }

  /**
   * Empty where sysfs has no cgroup mount at all. A node without jobs yet keeps the collector: job
   * cgroups come and go with the jobs.
   */
  @Override
  public Optional<Collector> create(CollectorContext context, JobCgroupSettings settings) {
    Path root = context.paths().sys("fs", "cgroup");
    if (!Files.isDirectory(root)) {
      context.log().log(
          System.Logger.Level.INFO, "job_cgroups collector off: " + root + " does not exist");
      return Optional.empty();
    }
    return Optional.of(new JobCgroupCollector(context.paths(), settings.maxJobs(), context.log()));
  }
}
