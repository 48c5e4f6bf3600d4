package io.clusterwatch.agent.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterwatch.agent.exec.ProcessRunner;
import io.clusterwatch.agent.jobs.slurm.ScontrolTextParser;
import io.clusterwatch.agent.jobs.slurm.SlurmJobRecord;
import io.clusterwatch.agent.jobs.slurm.SqueueEvidenceSource;
import io.clusterwatch.protocol.message.JobInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Discovery on a node without hooks or cgroups: squeue names the jobs, Slurm is asked the rest. */
class JobDiscoverySqueueTest extends JobDiscoveryFixture {
  /**
   * squeue answering from real captures of Slurm 22.05 on node vm: jobs 2 (GPU 0) and 3 (GPUs 1-2).
   */
  private void squeueAnswers(ProcessRunner.Result... answers) {
    nodeName = "vm";
    List<ProcessRunner.Result> left = new ArrayList<>(List.of(answers));
    squeue =
        Optional.of(
            new SqueueEvidenceSource(
                Path.of("/usr/bin/squeue"),
                "vm",
                true,
                (cmd, timeout) -> left.remove(0),
                Duration.ofSeconds(5),
                Duration.ofMinutes(2),
                Clock.fixed(NOW, ZoneOffset.UTC)));
  }

  private static String bareCapture(String file) throws Exception {
    return Files.readString(Path.of("src/test/resources/jobs/slurm-22.05/bare", file));
  }

  @Test
  void withoutHooksSqueuesJsonNamesTheJobsAndTheirGpusWithoutFurtherLookups() throws Exception {
    squeueAnswers(new ProcessRunner.Result(0, bareCapture("squeue-nodelist-running.json"), ""));
    List<String> lookedUp = new ArrayList<>();
    slurm =
        id -> {
          lookedUp.add(id);
          return Optional.empty();
        };

    List<JobInfo> jobs = discover();

    // IDX 0 is /dev/nvidia0 (NVML index 3); IDX 1-2 are minors 1 and 2 (NVML indices 2 and 1).
    assertEquals(List.of("2", "3"), jobs.stream().map(JobInfo::jobId).toList());
    assertEquals(List.of(uuid(3)), jobs.get(0).gpuUuids());
    assertEquals(List.of(uuid(1), uuid(2)), jobs.get(1).gpuUuids());
    assertEquals("idle pair|x", jobs.get(1).name());
    assertEquals("root", jobs.get(1).user());
    assertEquals("slurm: squeue + scontrol agree", jobs.get(1).source());
    assertEquals(List.of(), lookedUp, "squeue --json carried Slurm's records");
  }

  @Test
  void withoutHooksSqueuesTextNamesTheJobsAndScontrolTheirGpus() throws Exception {
    squeueAnswers(
        new ProcessRunner.Result(1, "", "squeue: unrecognized option '--json'"),
        new ProcessRunner.Result(0, bareCapture("squeue-nodelist-running.txt"), ""));
    SlurmJobRecord job3 =
        ScontrolTextParser.parse(bareCapture("scontrol-show-job-d-3.running.txt"));
    List<String> lookedUp = new ArrayList<>();
    slurm =
        id -> {
          lookedUp.add(id);
          return id.equals("3") ? Optional.of(job3) : Optional.empty();
        };

    List<JobInfo> jobs = discover();

    assertEquals(List.of("2", "3"), lookedUp);
    assertEquals(List.of("2", "3"), jobs.stream().map(JobInfo::jobId).toList());
    assertEquals(List.of(), jobs.get(0).gpuUuids());
    assertEquals("slurm: squeue (no GPU information)", jobs.get(0).source());
    assertEquals(List.of(uuid(1), uuid(2)), jobs.get(1).gpuUuids());
    assertEquals("slurm: squeue + scontrol agree", jobs.get(1).source());
    assertEquals(
        Map.of(
            "scheduler",
            "slurm",
            "partition",
            "gpu",
            "uid",
            "0",
            "time_limit_minutes",
            "UNLIMITED"),
        jobs.get(1).attributes());
  }
}
