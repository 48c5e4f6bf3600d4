package io.clusterwatch.hub.archive;

import io.clusterwatch.hub.archive.JobReport.FiredAlert;
import io.clusterwatch.hub.archive.JobReport.GpuFigures;
import io.clusterwatch.hub.jobs.Allocation;
import io.clusterwatch.hub.jobs.Job;
import io.clusterwatch.hub.jobs.JobState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Finished jobs with reports, built by hand for archive tests. */
final class ArchiveFixtures {
  static final long T0 = 1_764_072_000_000L;

  private ArchiveFixtures() {}

  /** A 1-hour job on one host holding {@code gpus} GPUs, the first of them idle. */
  static ArchivedJob job(String id, String user, String account, long startMs, int gpus) {
    long end = startMs + 3_600_000;
    List<Allocation> allocations = new ArrayList<>();
    List<GpuFigures> figures = new ArrayList<>();
    for (int g = 0; g < gpus; g++) {
      String uuid = "GPU-" + id + "-" + g;
      allocations.add(new Allocation(id, "node-a", uuid, startMs, end));
      figures.add(
          new GpuFigures(
              "node-a",
              uuid,
              startMs,
              end,
              1.0,
              g == 0 ? 0.0 : 0.8,
              g == 0 ? 1.0 : 0.0,
              g == 0 ? Double.NaN : 30e9,
              0.3));
    }
    Job job =
        new Job(
            id,
            user,
            "train-" + id,
            Map.of("account", account, "partition", "gpu"),
            JobState.FINISHED,
            startMs,
            end,
            "slurm",
            allocations);
    JobReport report =
        new JobReport(
            end + 3000,
            true,
            0.01,
            gpus,
            0.6,
            0.8,
            1.0,
            30e9,
            0.3 * gpus,
            0.25,
            100e9,
            512e9,
            1e12,
            2e11,
            5e10,
            Double.NaN,
            figures,
            List.of(
                new FiredAlert(
                    startMs + 600_000,
                    "gpu_process_idle",
                    "idle",
                    "warning",
                    "GPU 0 idle",
                    "node-a",
                    "GPU-" + id + "-0")));
    return new ArchivedJob(job, report);
  }
}
