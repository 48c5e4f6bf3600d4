package io.clusterwatch.hub.remotewrite;

import io.clusterwatch.hub.jobs.Allocation;
import io.clusterwatch.hub.jobs.Job;
import io.clusterwatch.hub.jobs.JobRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The allocation timeline as its own series: {@code clusterwatch_job_gpu_info{job_id, user,
 * account, partition, Hostname, UUID} 1} for every GPU a job holds on a host at a tick. Jobs are
 * never labels on the hardware series; PromQL joins them: {@code DCGM_FI_DEV_GPU_UTIL *
 * on(Hostname, UUID) group_left(job_id) clusterwatch_job_gpu_info{job_id="4711"}}.
 */
final class JobGpuInfo {
  static final String NAME = "clusterwatch_job_gpu_info";

  private final JobRegistry jobs;

  JobGpuInfo(JobRegistry jobs) {
    this.jobs = jobs;
  }

  /** One series per GPU of {@code host} held by a job now; empty when none is. */
  List<PromSeries> now(String host) {
    Map<String, Allocation> open = jobs.openGpuAllocations(host);
    if (open.isEmpty()) {
      return List.of();
    }
    List<PromSeries> out = new ArrayList<>(open.size());
    for (Map.Entry<String, Allocation> e : open.entrySet()) {
      Optional<Job> job = jobs.get(e.getValue().jobId());
      if (job.isEmpty()) {
        continue;
      }
      Job j = job.get();
      Map<String, String> labels = new LinkedHashMap<>();
      labels.put("job_id", j.id());
      labels.put("user", j.user());
      labels.put("account", j.attributes().getOrDefault("account", ""));
      labels.put("partition", j.attributes().getOrDefault("partition", ""));
      labels.put("Hostname", host);
      labels.put("UUID", e.getKey());
      labels.put("instance", host);
      out.add(PromSeries.of(NAME, labels));
    }
    return out;
  }
}
