package io.clusterwatch.agent.jobcgroup;

import io.clusterwatch.agent.collect.Collector;
import io.clusterwatch.agent.host.HostPaths;
import io.clusterwatch.protocol.Sample;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;

/**
 * Each job's own CPU, memory, I/O and pressure, read from its cgroup every tick ({@link
 * JobCgroupReader}), every series labelled {@code job_id}. A node runs few jobs at once, so the
 * label's cardinality is bounded by the jobs that fit on a node, and by {@code max_jobs}. When a
 * job ends its cgroup is removed and its series are simply absent from the next tick: the series
 * table changes, the shipper sends the hub a new schema, and {@code /metrics} drops them.
 */
final class JobCgroupCollector implements Collector {
  private final JobCgroupFinder finder;
  private final JobCgroupReader reader;
  private final int maxJobs;
  private final System.Logger log;
  private boolean warnedTooMany;

  JobCgroupCollector(HostPaths paths, int maxJobs, System.Logger log) {
    this.finder = new JobCgroupFinder(paths);
    this.reader = new JobCgroupReader(new DeviceNames(paths));
    this.maxJobs = maxJobs;
    this.log = log;
  }

  @Override
  public String name() {
    return JobCgroupCollectorFactory.NAME;
  }

  @Override
  public List<Sample> collect() throws IOException {
    List<JobCgroup> jobs = finder.find();
    if (jobs.size() > maxJobs) {
      if (!warnedTooMany) {
        log.log(
            Level.WARNING,
            "job_cgroups: "
                + jobs.size()
                + " job cgroups on this node, reporting the first "
                + maxJobs
                + " by job id (collectors.job_cgroups.max_jobs)");
        warnedTooMany = true;
      }
      jobs = jobs.subList(0, maxJobs);
    } else {
      warnedTooMany = false;
    }
    List<Sample> out = new ArrayList<>();
    for (JobCgroup job : jobs) {
      out.addAll(reader.read(job));
    }
    return out;
  }
}
