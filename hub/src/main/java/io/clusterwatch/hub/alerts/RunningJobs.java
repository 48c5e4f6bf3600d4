package io.clusterwatch.hub.alerts;

import io.clusterwatch.hub.jobs.Allocation;
import io.clusterwatch.hub.jobs.Job;
import io.clusterwatch.hub.jobs.JobRegistry;
import io.clusterwatch.hub.jobs.JobState;
import io.clusterwatch.hub.rules.RunningJob;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The job registry's running jobs as rule inputs: one entry per job and host, with its open GPUs.
 */
public final class RunningJobs {
  private RunningJobs() {}

  public static List<RunningJob> of(JobRegistry jobs) {
    List<RunningJob> out = new ArrayList<>();
    for (Job job : jobs.list(JobState.RUNNING)) {
      Map<String, List<String>> gpusByHost = new LinkedHashMap<>();
      Map<String, Long> startByHost = new LinkedHashMap<>();
      for (Allocation a : job.allocations()) {
        if (!a.isOpen()) {
          continue;
        }
        List<String> gpus = gpusByHost.computeIfAbsent(a.host(), h -> new ArrayList<>());
        if (a.holdsGpu()) {
          gpus.add(a.gpuUuid());
        }
        startByHost.merge(a.host(), a.startMs(), Math::min);
      }
      gpusByHost.forEach(
          (host, gpus) ->
              out.add(
                  new RunningJob(
                      job.id(),
                      host,
                      job.user(),
                      gpus,
                      Instant.ofEpochMilli(Math.max(job.startMs(), startByHost.get(host))),
                      job.attributes())));
    }
    return out;
  }
}
