package io.clusterwatch.agent.jobs.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code squeue --json} of Slurm 22.05.8 (openapi v0.0.38), captured on a real test cluster. */
class SlurmJsonParserV0038Test {
  private static Map<String, SlurmJobRecord> jobs(String file) throws Exception {
    String json = Files.readString(Path.of("src/test/resources/jobs/slurm-22.05", file));
    return new SlurmJsonParser()
        .parse(json).stream().collect(Collectors.toMap(SlurmJobRecord::jobId, j -> j));
  }

  /** Time limit null in v0.0.38 is UNLIMITED for a started job (scontrol: TimeLimit=UNLIMITED). */
  @ParameterizedTest(name = "{0} job {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "squeue.running.json   | 1 | root | clusterwatch-probe | COMPLETED | 1795614900 | ''",
        "squeue.running.json   | 2 | root | gpu-pair-a         | RUNNING   | 1795614906 | 0,1",
        "squeue.running.json   | 3 | root | gpu-pair-b         | RUNNING   | 1795614906 | 2,3",
        "squeue.completed.json | 2 | root | gpu-pair-a         | COMPLETED | 1795614906 | ''",
        "squeue.completed.json | 3 | root | gpu-pair-b         | COMPLETED | 1795614906 | ''",
      })
  void realCaptures(
      String file, String id, String user, String name, String state, long start, String gpus)
      throws Exception {
    SlurmJobRecord j = jobs(file).get(id);
    Map<String, List<Integer>> expectedGpus =
        gpus.isEmpty()
            ? Map.of()
            : Map.of("vm", List.of(gpus.split(",")).stream().map(Integer::valueOf).toList());
    assertEquals(
        new SlurmJobRecord(
            id,
            Optional.empty(),
            user,
            name,
            "",
            "gpu",
            "",
            List.of(state),
            Optional.empty(),
            true,
            Optional.of(start),
            expectedGpus),
        j);
  }
}
