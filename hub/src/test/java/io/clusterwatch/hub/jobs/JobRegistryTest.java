package io.clusterwatch.hub.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.protocol.message.JobInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobRegistryTest {
  private final JobRegistry jobs = new JobRegistry(2);

  private static JobInfo job(String id, String... gpus) {
    return new JobInfo(id, "alice", "train", List.of(gpus), 0, "slurm", Map.of());
  }

  @Test
  void aJobRunsUntilItsLastHostEnds() {
    jobs.started("n1", job("7", "GPU-a"), 1000);
    jobs.started("n2", job("7", "GPU-b"), 1500);
    assertEquals(List.of("n1", "n2"), jobs.get("7").orElseThrow().hosts());
    assertEquals("7", jobs.holder("n1", "GPU-a").orElseThrow().id());
    jobs.ended("n1", "7", 5000);
    assertEquals(JobState.RUNNING, jobs.get("7").orElseThrow().state());
    assertTrue(jobs.holder("n1", "GPU-a").isEmpty());
    jobs.ended("n2", "7", 6000);
    Job j = jobs.get("7").orElseThrow();
    assertEquals(JobState.FINISHED, j.state());
    assertEquals(1000, j.startMs());
    assertEquals(6000, j.endMs());
    assertEquals(new Allocation("7", "n1", "GPU-a", 1000, 5000), j.allocations().get(0));
  }

  @Test
  void aSnapshotEndsJobsOfThatHostMissingFromIt() {
    jobs.started("n1", job("1", "GPU-a"), 1000);
    jobs.started("n1", job("2", "GPU-b"), 1000);
    jobs.started("n2", job("3", "GPU-c"), 1000);
    jobs.snapshot("n1", List.of(job("2", "GPU-b")), 9000);
    assertEquals(JobState.FINISHED, jobs.get("1").orElseThrow().state());
    assertEquals(9000, jobs.get("1").orElseThrow().endMs());
    assertEquals(JobState.RUNNING, jobs.get("2").orElseThrow().state());
    assertEquals(
        1, jobs.get("2").orElseThrow().allocations().size(), "a repeated start adds nothing");
    assertEquals(JobState.RUNNING, jobs.get("3").orElseThrow().state(), "other hosts untouched");
  }

  @Test
  void staticJobsSurviveAgentSnapshots() {
    StaticJobs.apply(
        List.of(new StaticJob("r1", "ops", "burn-in", "n1", List.of("GPU-a"), null, Map.of())),
        jobs,
        4000);
    jobs.snapshot("n1", List.of(), 9000);
    Job j = jobs.get("r1").orElseThrow();
    assertEquals(JobState.RUNNING, j.state());
    assertEquals(4000, j.startMs());
    assertEquals("static", j.source());
  }

  @Test
  void aNewHolderOfAGpuEndsTheOldHold() {
    jobs.started("n1", job("1", "GPU-a"), 1000);
    jobs.started("n1", job("2", "GPU-a"), 3000);
    assertEquals("2", jobs.holder("n1", "GPU-a").orElseThrow().id());
    assertEquals(3000, jobs.get("1").orElseThrow().endMs());
  }

  @Test
  void onlyTheNewestFinishedJobsAreKept() {
    for (int i = 1; i <= 3; i++) {
      jobs.started("n1", job(String.valueOf(i), "GPU-a"), i * 1000L);
      jobs.ended("n1", String.valueOf(i), i * 1000L + 500);
    }
    assertTrue(jobs.get("1").isEmpty());
    assertEquals(2, jobs.list(JobState.FINISHED).size());
    assertEquals("3", jobs.list(null).get(0).id(), "newest start first");
  }

  @Test
  void jobsWithoutGpusHoldTheHost() {
    jobs.started("n1", job("cpu-only"), 1000);
    Job j = jobs.get("cpu-only").orElseThrow();
    assertEquals(List.of("n1"), j.hosts());
    assertEquals("", j.allocations().get(0).gpuUuid());
  }
}
