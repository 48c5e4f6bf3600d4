package io.clusterwatch.agent.jobs.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clusterwatch.agent.exec.CommandTimeoutException;
import io.clusterwatch.agent.exec.ProcessRunner;
import io.clusterwatch.agent.jobs.CgroupPathParser;
import io.clusterwatch.agent.jobs.JobEvidence;
import io.clusterwatch.agent.jobs.SlurmCgroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When squeue is asked, with which command line, and what a failed call leaves standing. */
class SqueueEvidenceSourceTest {
  private static final Path SQUEUE = Path.of("/usr/bin/squeue");
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final Duration HOLD = Duration.ofMinutes(2);
  private static final List<String> JSON_CALL =
      List.of("/usr/bin/squeue", "--nodelist=vm", "--states=RUNNING", "--json");
  private static final List<String> TEXT_CALL =
      List.of(
          "/usr/bin/squeue",
          "--nodelist=vm",
          "--states=RUNNING",
          "--noheader",
          "--format=%A|%U|%u|%P|%a|%T|%j");

  private final MutableClock clock = new MutableClock();
  private final List<List<String>> calls = new ArrayList<>();

  /** Answers in order; an answer with exit code -1 is a timeout. */
  private final Deque<ProcessRunner.Result> answers = new ArrayDeque<>();

  private final ProcessRunner runner =
      (cmd, timeout) -> {
        calls.add(cmd);
        assertEquals(TIMEOUT, timeout);
        ProcessRunner.Result r = answers.removeFirst();
        if (r.exitCode() == -1) {
          throw new CommandTimeoutException(String.join(" ", cmd) + " ran past " + timeout);
        }
        return r;
      };

  private static final class MutableClock extends Clock {
    Instant now = Instant.parse("2026-12-06T20:46:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private static String capture(String file) throws Exception {
    return Files.readString(Path.of("src/test/resources/jobs/slurm-22.05/bare", file));
  }

  private SqueueEvidenceSource source(boolean onlyWithoutHooks) {
    return new SqueueEvidenceSource(SQUEUE, "vm", onlyWithoutHooks, runner, TIMEOUT, HOLD, clock);
  }

  private static List<String> ids(JobEvidence e) {
    return e.squeueJobs().stream().map(SqueueJob::jobId).toList();
  }

  private static ProcessRunner.Result ok(String stdout) {
    return new ProcessRunner.Result(0, stdout, "");
  }

  @Test
  void jsonBringsTheJobsAndTheirRecords() throws Exception {
    answers.add(ok(capture("squeue-nodelist-running.json")));

    JobEvidence e = source(false).collect(JobEvidence.NONE);

    assertEquals(List.of(JSON_CALL), calls);
    assertEquals(List.of("2", "3"), ids(e));
    assertEquals(List.of("2", "3"), List.copyOf(e.slurmRecords().keySet()));
  }

  @Test
  void withoutWorkingJsonTheTextFormatIsUsedFromThenOn() throws Exception {
    answers.add(new ProcessRunner.Result(1, "", "squeue: unrecognized option '--json'"));
    answers.add(ok(capture("squeue-nodelist-running.txt")));
    answers.add(ok(capture("squeue-nodelist-running-array.txt")));
    SqueueEvidenceSource source = source(false);

    assertEquals(List.of("2", "3"), ids(source.collect(JobEvidence.NONE)));
    assertEquals(List.of("3", "5"), ids(source.collect(JobEvidence.NONE)));

    assertEquals(List.of(JSON_CALL, TEXT_CALL, TEXT_CALL), calls);
  }

  @Test
  void aFailedCallKeepsTheLastListingForTheHoldTimeOnly() throws Exception {
    ProcessRunner.Result down =
        new ProcessRunner.Result(
            1, "", "squeue: error: Unable to contact slurm controller (connect failure)");
    answers.add(ok(capture("squeue-nodelist-running.json")));
    answers.add(new ProcessRunner.Result(-1, "", ""));
    for (int i = 0; i < 4; i++) {
      answers.add(down); // JSON, then text, in each of two passes
    }
    SqueueEvidenceSource source = source(false);

    assertEquals(List.of("2", "3"), ids(source.collect(JobEvidence.NONE)));
    clock.now = clock.now.plusSeconds(10);
    assertEquals(List.of("2", "3"), ids(source.collect(JobEvidence.NONE)), "a timeout ends no job");
    clock.now = clock.now.plus(HOLD).minusSeconds(11);
    assertEquals(
        List.of("2", "3"),
        ids(source.collect(JobEvidence.NONE)),
        "JSON and text both failed, within the hold time");
    clock.now = clock.now.plusSeconds(1);
    assertEquals(
        List.of(),
        ids(source.collect(JobEvidence.NONE)),
        "the hold time is over: the jobs are gone");
    assertEquals(
        List.of(JSON_CALL, JSON_CALL, JSON_CALL, TEXT_CALL, JSON_CALL, TEXT_CALL),
        calls,
        "a timeout is not a refusal of --json; a failed JSON call is followed by the text format");
  }

  @Test
  void autoAsksOnlyUntilAJobCgroupOrPrologRecordIsSeen() throws Exception {
    answers.add(ok(capture("squeue-nodelist-running.json")));
    SqueueEvidenceSource source = source(true);
    JobEvidence leftoverEmptyTree = JobEvidence.ofSlurmCgroups(List.of(), true);
    JobEvidence cgroup =
        JobEvidence.ofSlurmCgroups(
            List.of(
                new SlurmCgroupJob(
                    (SlurmCgroup)
                        CgroupPathParser.parsePath("/slurm_vm/uid_0/job_9/step_batch")
                            .orElseThrow(),
                    List.of())),
            true);

    assertEquals(
        List.of("2", "3"),
        ids(source.collect(leftoverEmptyTree)),
        "an empty Slurm cgroup tree (left by an earlier slurmd) tells of no job");
    assertEquals(JobEvidence.NONE, source.collect(cgroup));
    assertEquals(
        JobEvidence.NONE,
        source.collect(JobEvidence.NONE),
        "once hooks were seen, squeue is spared");
    assertEquals(1, calls.size());
  }

  @Test
  void onAsksEveryPassWhateverElseIsSeen() throws Exception {
    answers.add(ok(capture("squeue-nodelist-running.json")));
    SqueueEvidenceSource source = source(false);
    JobEvidence spool =
        JobEvidence.ofSpool(List.of(SpoolFileParser.parse("9.job", "event=started\njob_id=9\n")));

    assertEquals(List.of("2", "3"), ids(source.collect(spool)));
  }

  @Test
  void aNodeNameThatSqueueWouldTakeForAnOptionIsRefused() {
    assertEquals(
        "squeue --nodelist: '--all' is not a node name",
        assertThrows(
                IllegalArgumentException.class,
                () -> new SqueueEvidenceSource(SQUEUE, "--all", true, runner, TIMEOUT, HOLD, clock))
            .getMessage());
  }
}
