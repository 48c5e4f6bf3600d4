package io.clusterwatch.agent.jobs.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScontrolTextParserTest {
  /** Real {@code scontrol show job -d} of Slurm 22.05.8 (e2e/slurm/samples). */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "scontrol-show-job-d-2.running.txt   | 2 | gpu-pair-a | RUNNING   | 0,1",
        "scontrol-show-job-d-3.running.txt   | 3 | gpu-pair-b | RUNNING   | 2,3",
        "scontrol-show-job-d-3.completed.txt | 3 | gpu-pair-b | COMPLETED | ''",
      })
  void realCaptures(String file, String id, String name, String state, String gpus)
      throws Exception {
    String text = Files.readString(Path.of("src/test/resources/jobs/slurm-22.05", file));
    Map<String, List<Integer>> expectedGpus =
        gpus.isEmpty()
            ? Map.of()
            : Map.of("vm", List.of(gpus.split(",")).stream().map(Integer::valueOf).toList());
    // Account=(null) is no account; TimeLimit=UNLIMITED
    assertEquals(
        new SlurmJobRecord(
            id,
            Optional.empty(),
            "root",
            name,
            "",
            "gpu",
            "",
            List.of(state),
            Optional.empty(),
            true,
            Optional.empty(),
            expectedGpus),
        ScontrolTextParser.parse(text));
  }

  /** Slurm prints limits with secs2time_str: [days-]hours:minutes:seconds, or minutes:seconds. */
  @ParameterizedTest
  @CsvSource({"00:30:00,30", "02:00:00,120", "1-00:00:00,1440", "7-12:30:00,10830", "45:00,45"})
  void timeLimitsInMinutes(String text, long minutes) {
    assertEquals(minutes, ScontrolTextParser.minutes(text));
  }

  @Test
  void limitedJobInTwoNodeGroups() {
    String text =
        String.join(
            "\n",
            "JobId=4711 JobName=llama ft",
            "   UserId=alice(1000) GroupId=alice(1000) MCS_label=N/A",
            "   Priority=1 Nice=0 Account=cs101 QOS=normal",
            "   JobState=RUNNING Reason=None Dependency=(null)",
            "   RunTime=00:10:00 TimeLimit=1-00:00:00 TimeMin=N/A",
            "   Partition=gpu AllocNode:Sid=login1:1",
            "   Reservation=course-week3",
            "   JOB_GRES=gpu:6",
            "     Nodes=gpu[01-02] CPU_IDs=0-7 Mem=0 GRES=gpu:2(IDX:0-1)",
            "     Nodes=gpu07 CPU_IDs=0-15 Mem=0 GRES=gpu:a100:2(IDX:4,6)",
            "");
    SlurmJobRecord r = ScontrolTextParser.parse(text);
    assertEquals("llama ft", r.name());
    assertEquals("alice", r.user());
    assertEquals("cs101", r.account());
    assertEquals("course-week3", r.reservation());
    assertEquals(Optional.of(1440L), r.timeLimitMinutes());
    assertEquals(
        Map.of("gpu01", List.of(0, 1), "gpu02", List.of(0, 1), "gpu07", List.of(4, 6)),
        r.gpuIndicesByNode());
  }

  @Test
  void badInputIsNamed() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ScontrolTextParser.parse("slurm_load_jobs error: Invalid job id specified"));
    assertTrue(e.getMessage().contains("no JobId="), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ScontrolTextParser.minutes("soon"));
    assertTrue(e.getMessage().contains("TimeLimit 'soon'"), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "vm | vm",
        "gpu[01-03] | gpu01,gpu02,gpu03",
        "gpu[08-10,12] | gpu08,gpu09,gpu10,gpu12",
        "a[1-2],b | a1,a2,b",
        "n[9-11]-ib | n9-ib,n10-ib,n11-ib"
      })
  void hostLists(String list, String expanded) {
    assertEquals(List.of(expanded.split(",")), ScontrolTextParser.HostList.expand(list));
  }
}
