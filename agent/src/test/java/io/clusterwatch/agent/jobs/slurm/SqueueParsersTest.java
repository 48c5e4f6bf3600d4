package io.clusterwatch.agent.jobs.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * squeue's listing of one node in both formats, on real captures from Slurm 22.05.8 with
 * proctrack/linuxproc and task/none (e2e/slurm/samples/bare/README.md): job 1 the probe
 * (completed), 2 {@code holder} on GPU 0, 3 {@code idle pair|x} on GPUs 1-2, 4 pending, later 5 an
 * array element ({@code 5_7}) on GPU 0 after 2 and 4 were cancelled.
 */
class SqueueParsersTest {
  private static String capture(String file) throws Exception {
    return Files.readString(Path.of("src/test/resources/jobs/slurm-22.05/bare", file));
  }

  private static SqueueJob root(String id, String name) {
    return new SqueueJob(id, "root", "0", name, "", "gpu");
  }

  /**
   * {@code --json} lists every job (22.05 ignores the filters); only RUNNING jobs on the node
   * remain.
   */
  @ParameterizedTest(name = "{0} on {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "squeue-nodelist-running.json       | vm    | 2,3",
        "squeue-nodelist-running-array.json | vm    | 3,5",
        "squeue-nodelist-running.json       | other | ''",
      })
  void jsonKeepsTheRunningJobsOfThisNode(String file, String node, String ids) throws Exception {
    SqueueListing listing = new SqueueJsonParser().parse(capture(file), node);

    List<String> expected = ids.isEmpty() ? List.of() : List.of(ids.split(","));
    assertEquals(expected, listing.jobs().stream().map(SqueueJob::jobId).toList());
    assertEquals(
        expected, List.copyOf(listing.records().keySet()), "a record for every listed job");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      value = {
        "squeue-nodelist-running.json       ; 2 ; holder      ; 0",
        "squeue-nodelist-running.json       ; 3 ; idle pair|x ; 1,2",
        "squeue-nodelist-running-array.json ; 5 ; arr         ; 0",
      })
  void jsonCarriesTheJobAndItsGresIndices(String file, String id, String name, String gpus)
      throws Exception {
    SqueueListing listing = new SqueueJsonParser().parse(capture(file), "vm");

    SqueueJob job =
        listing.jobs().stream().filter(j -> j.jobId().equals(id)).findFirst().orElseThrow();
    assertEquals(root(id, name), job);
    SlurmJobRecord r = listing.records().get(id);
    assertEquals(
        Map.of("vm", List.of(gpus.split(",")).stream().map(Integer::valueOf).toList()),
        r.gpuIndicesByNode());
    assertEquals(List.of("RUNNING"), r.states());
    assertEquals(Optional.empty(), r.timeLimitMinutes());
  }

  /**
   * {@code --noheader --format=%A|%U|%u|%P|%a|%T|%j}: the name keeps its '|', account (null) is
   * empty.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      value = {
        "squeue-nodelist-running.txt       ; 2:holder,3:idle pair|x",
        "squeue-nodelist-running-array.txt ; 3:idle pair|x,5:arr",
        "squeue-nodelist-running.none.txt  ; ''",
      })
  void textListsJobsWithoutGpus(String file, String jobs) throws Exception {
    SqueueListing listing = SqueueTextParser.parse(capture(file));

    List<SqueueJob> expected =
        jobs.isEmpty()
            ? List.of()
            : List.of(jobs.split(",")).stream()
                .map(j -> j.split(":", 2))
                .map(j -> root(j[0], j[1]))
                .toList();
    assertEquals(expected, listing.jobs());
    assertEquals(
        Map.of(), listing.records(), "the text format has no GRES: jobs are looked up one by one");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      value = {
        "7|0|ann|gpu|lab|COMPLETING|x ; ''",
        "7|1000|ann|gpu|lab|RUNNING|x ; 7",
        "5_7|0|root|gpu|(null)|RUNNING|arr ; squeue line '5_7|0|root|gpu|(null)|RUNNING|arr': job id '5_7' is not a number",
        "7|root|root|gpu|(null)|RUNNING|x ; squeue line '7|root|root|gpu|(null)|RUNNING|x': uid 'root' is not a number",
        "7 root RUNNING ; squeue line '7 root RUNNING': expected 7 fields of %A|%U|%u|%P|%a|%T|%j, got 1",
      })
  void textLinesOutsideTheFormatAreRefusedByName(String line, String outcome) {
    if (outcome.isEmpty() || outcome.chars().allMatch(Character::isDigit)) {
      assertEquals(
          outcome.isEmpty() ? List.of() : List.of(outcome),
          SqueueTextParser.parse(line + "\n").jobs().stream().map(SqueueJob::jobId).toList());
    } else {
      assertEquals(
          outcome,
          assertThrows(IllegalArgumentException.class, () -> SqueueTextParser.parse(line))
              .getMessage());
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      value = {
        "not json ; slurm JSON is not valid JSON",
        "{\"jobs\": 3} ; slurm JSON: no 'jobs' array",
        "{\"jobs\": [], \"errors\": [{\"error\": \"Invalid node name\"}]} ; slurm JSON reports errors",
      })
  void jsonThatIsNoListingIsRefused(String text, String message) {
    String got =
        assertThrows(IllegalArgumentException.class, () -> new SqueueJsonParser().parse(text, "vm"))
            .getMessage();
    assertEquals(message, got.substring(0, Math.min(got.length(), message.length())), got);
  }
}
