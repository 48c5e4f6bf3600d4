package io.clusterwatch.hub.jobs;

import io.clusterwatch.protocol.message.JobInfo;
import java.time.Instant;
import java.util.List;

/** Puts the jobs of the configuration's {@code jobs.static} list into a registry. */
public final class StaticJobs {
  public static final String SOURCE = "static";

  private StaticJobs() {}

  /**
   * @param nowMs start time of entries without {@code start}
   */
  public static void apply(List<StaticJob> jobs, JobRegistry registry, long nowMs) {
    for (StaticJob j : jobs) {
      long start = j.startTime().map(Instant::toEpochMilli).orElse(nowMs);
      registry.pinned(
          j.host(),
          new JobInfo(j.id(), j.user(), j.name(), j.gpuUuids(), start, SOURCE, j.attributes()),
          start);
    }
  }
}
