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

public class SlurmJsonParserTest {
  public static String fixture() throws Exception {
    return Files.readString(Path.of("src/test/resources/jobs/scontrol-show-job-v0.0.45.json"));
  }

  @Test
  void parsesCurrentAndOlderLayouts() throws Exception {
    List<SlurmJobRecord> jobs = new SlurmJsonParser().parse(fixture());
    assertEquals(2, jobs.size());
    SlurmJobRecord a = jobs.get(0);
    assertEquals(
        new SlurmJobRecord(
            "4242",
            Optional.of("s5K1KKYAYG5D00"),
            "alice",
            "train-resnet",
            "cs101",
            "gpu",
            "course-week3",
            List.of("RUNNING"),
            Optional.of(120L),
            false,
            Optional.of(1795000000L),
            Map.of("gpu01", List.of(1, 3))),
        a);
    SlurmJobRecord b = jobs.get(1);
    assertEquals("4300", b.jobId());
    assertEquals(Optional.empty(), b.sluid());
    assertEquals(List.of("RUNNING"), b.states());
    assertTrue(b.timeLimitInfinite());
    assertEquals(Optional.empty(), b.timeLimitMinutes());
    assertEquals(Optional.of(1795000500L), b.startTimeEpochSeconds());
    assertEquals(
        Map.of("gpu07", List.of(0, 1, 2, 3), "gpu01", List.of(0, 2)), b.gpuIndicesByNode());
  }

  @Test
  void sluidInStepIdAndNoGres() {
    SlurmJobRecord r =
        new SlurmJsonParser()
            .parse(
                "{\"jobs\":[{\"job_id\":{\"set\":true,\"infinite\":false,\"number\":7},"
                    + "\"step_id\":{\"sluid\":\"s0000000000001\"},\"gres_detail\":[],\"nodes\":\"n1\"}]}")
            .get(0);
    assertEquals("7", r.jobId());
    assertEquals(Optional.of("s0000000000001"), r.sluid());
    assertEquals(Map.of(), r.gpuIndicesByNode());
  }

  @Test
  void badInputIsNamed() {
    SlurmJsonParser p = new SlurmJsonParser();
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> p.parse("{jobs"))
            .getMessage()
            .startsWith("slurm JSON is not valid JSON"));
    assertEquals(
        "slurm JSON: no 'jobs' array",
        assertThrows(IllegalArgumentException.class, () -> p.parse("{}")).getMessage());
    assertEquals(
        "slurm JSON reports errors: [{\"error\":\"Invalid job id specified\"}]",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    p.parse("{\"jobs\":[],\"errors\":[{\"error\":\"Invalid job id specified\"}]}"))
            .getMessage());
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    p.parse(
                        "{\"jobs\":[{\"job_id\":1,\"gres_detail\":[\"gpu:1(IDX:0)\",\"gpu:1(IDX:1)\"],\"nodes\":\"n1\"}]}"))
            .getMessage()
            .contains("2 gres_detail entries for nodes [n1]"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "gpu:8(IDX:0-7)|0,1,2,3,4,5,6,7",
        "gpu:a100:2(IDX:0,2),gpu:v100:1(IDX:4),mps:10|0,2,4",
        "gpu:4(IDX:0-2,5)|0,1,2,5",
        "gpu:1(IDX:0)|0",
        "gpu:0(IDX:)|",
        "shard:8(-/5,5/5,3/5,0/5)|",
        "gpu:a6000:2(IDX:3,5)|3,5",
      })
  void gresDetail(String detail, String expected) {
    List<Integer> want =
        expected == null
            ? List.of()
            : java.util.Arrays.stream(expected.split(",")).map(Integer::valueOf).toList();
    assertEquals(want, GresDetailParser.gpuIndices(detail));
  }

  @Test
  void badGresIndexIsNamed() {
    assertEquals(
        "gres_detail 'gpu:2(IDX:0,x)': bad GPU index 'x'",
        assertThrows(
                IllegalArgumentException.class, () -> GresDetailParser.gpuIndices("gpu:2(IDX:0,x)"))
            .getMessage());
  }
}
