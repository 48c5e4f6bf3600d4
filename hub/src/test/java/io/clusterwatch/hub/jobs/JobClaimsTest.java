package io.clusterwatch.hub.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterwatch.protocol.message.JobInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may set a job's fields: job 7 starts on n1 as alice's {@code llama-ft} in account cs101, then
 * a second report of job 7 arrives; each row says whether it was taken and what the job is after.
 */
class JobClaimsTest {
  private static final JobInfo FIRST = job("alice", "llama-ft", "cs101", "GPU-a");

  private static JobInfo job(String user, String name, String account, String gpu) {
    return new JobInfo(
        "7", user, name, List.of(gpu), 1000, "slurm", Map.of("account", account, "qos", "normal"));
  }

  /**
   * @param host the second report's host
   * @param report the second report
   * @param accepted whether the registry takes it
   * @param user the job's user after it
   * @param name the job's name after it
   * @param account the job's account after it
   * @param allocations the job's open allocations after it, as host/GPU
   * @param conflicts conflicts reported
   */
  record Row(
      String host,
      JobInfo report,
      boolean accepted,
      String user,
      String name,
      String account,
      List<String> allocations,
      int conflicts) {}

  static Stream<Arguments> rows() {
    return Stream.of(
        Arguments.of(
            "another host of the same multi-node job adds its allocation, the first host's fields"
                + " stand",
            new Row(
                "n2",
                job("alice", "llama-ft-rank1", "cs101", "GPU-b"),
                true,
                "alice",
                "llama-ft",
                "cs101",
                List.of("n1/GPU-a", "n2/GPU-b"),
                0)),
        Arguments.of(
            "another host naming another user is refused for that host",
            new Row(
                "n2",
                job("mallory", "llama-ft", "cs101", "GPU-b"),
                false,
                "alice",
                "llama-ft",
                "cs101",
                List.of("n1/GPU-a"),
                1)),
        Arguments.of(
            "another host naming another account is refused for that host",
            new Row(
                "n2",
                job("alice", "llama-ft", "cs999", "GPU-b"),
                false,
                "alice",
                "llama-ft",
                "cs101",
                List.of("n1/GPU-a"),
                1)),
        Arguments.of(
            "the only host of a job may rename it and change its user and account",
            new Row(
                "n1",
                job("bob", "llama-ft-v2", "cs202", "GPU-a"),
                true,
                "bob",
                "llama-ft-v2",
                "cs202",
                List.of("n1/GPU-a"),
                0)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void aSecondReportOfAJob(String description, Row row) {
    JobRegistry jobs = new JobRegistry(10);
    List<JobConflict> conflicts = new ArrayList<>();
    jobs.onConflict(conflicts::add);
    jobs.started("n1", FIRST, 1000);

    assertEquals(row.accepted(), jobs.started(row.host(), row.report(), 2000));
    // A repeat (the next snapshot) changes nothing and is not reported again.
    jobs.snapshot(row.host(), List.of(row.report()), 3000);

    Job j = jobs.get("7").orElseThrow();
    assertEquals(row.user(), j.user());
    assertEquals(row.name(), j.name());
    assertEquals(row.account(), j.attributes().get("account"));
    assertEquals(
        row.allocations(),
        j.allocations().stream()
            .filter(Allocation::isOpen)
            .map(a -> a.host() + "/" + a.gpuUuid())
            .toList());
    assertEquals(row.conflicts(), conflicts.size());
    if (row.conflicts() > 0) {
      JobConflict c = conflicts.get(0);
      assertEquals("n2", c.host());
      assertEquals(List.of("n1"), c.jobHosts());
      assertEquals(new JobIdentity("alice", "cs101", ""), c.kept());
      assertEquals(JobIdentity.of(row.report()), c.claimed());
    }
  }
}
