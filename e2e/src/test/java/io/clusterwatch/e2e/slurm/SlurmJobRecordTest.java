package io.clusterwatch.e2e.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * Parses real {@code scontrol show job -d} text captured from Slurm 22.05.8 (e2e/slurm/samples).
 */
class SlurmJobRecordTest {

  private static String sample(String name) throws IOException {
    return Files.readString(SlurmCluster.defaultScriptsDir().resolve("samples").resolve(name));
  }

  @Test
  void runningJobOverSeveralLines() throws IOException {
    SlurmJobRecord job = SlurmJobRecord.parse(sample("scontrol-show-job-d-3.running.txt"));
    assertEquals("RUNNING", job.state());
    assertEquals("3", job.field("JobId").orElseThrow());
    assertEquals("gpu-pair-b", job.field("JobName").orElseThrow());
    assertEquals("root(0)", job.field("UserId").orElseThrow());
    // Values holding '=' stay whole; keys with ':' and '/' are keys.
    assertEquals("cpu=1,node=1,billing=1", job.field("TRES").orElseThrow());
    assertEquals("localhost:25211", job.field("AllocNode:Sid").orElseThrow());
    assertEquals("1", job.field("CPUs/Task").orElseThrow());
    assertEquals("gpu:2(IDX:2-3)", job.field("GRES").orElseThrow());
    assertEquals("gres:gpu:2", job.field("TresPerNode").orElseThrow());
  }

  @Test
  void completedJobHasEmptyGresAndEmptyPower() throws IOException {
    SlurmJobRecord job = SlurmJobRecord.parse(sample("scontrol-show-job-d-3.completed.txt"));
    assertEquals("COMPLETED", job.state());
    assertEquals("0:0", job.field("ExitCode").orElseThrow());
    assertEquals("", job.field("GRES").orElseThrow());
    assertEquals("", job.field("Power").orElseThrow());
    assertEquals("/tmp/cw-out/3.out", job.field("StdOut").orElseThrow());
  }

  @Test
  void valueWithBlanksRunsToTheNextKey() {
    SlurmJobRecord job =
        SlurmJobRecord.parse(
            "JobId=7 JobName=x Reason=launch failed requeued held JobState=PENDING Comment=a b");
    assertEquals("launch failed requeued held", job.field("Reason").orElseThrow());
    assertEquals("PENDING", job.state());
    assertEquals("a b", job.field("Comment").orElseThrow());
  }

  @Test
  void textWithoutFieldsIsRejectedWithTheText() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SlurmJobRecord.parse("slurm_load_jobs error: Invalid job id specified"));
    assertEquals(
        "no Key=Value fields in scontrol output: slurm_load_jobs error: Invalid job id specified",
        e.getMessage());
  }
}
