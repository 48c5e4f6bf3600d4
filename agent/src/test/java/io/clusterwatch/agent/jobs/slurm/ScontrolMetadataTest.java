package io.clusterwatch.agent.jobs.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.agent.exec.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScontrolMetadataTest {
  @TempDir Path bin;

  private static final class MutableClock extends Clock {
    Instant now = Instant.parse("2026-11-20T10:00:00Z");

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void runsScontrolOnlyWhenPresentAndCaches() throws Exception {
    List<List<String>> calls = new ArrayList<>();
    String json = SlurmJsonParserTest.fixture();
    ProcessRunner runner =
        (cmd, timeout) -> {
          calls.add(cmd);
          return new ProcessRunner.Result(0, json, "");
        };
    MutableClock clock = new MutableClock();

    ScontrolMetadata absent =
        new ScontrolMetadata(
            List.of(bin), runner, Duration.ofSeconds(5), Duration.ofMinutes(1), clock);
    assertFalse(absent.available());
    assertEquals(Optional.empty(), absent.lookup("4242"));
    assertTrue(calls.isEmpty());

    Path scontrol = Files.writeString(bin.resolve("scontrol"), "#!/bin/sh\n");
    scontrol.toFile().setExecutable(true);
    ScontrolMetadata m =
        new ScontrolMetadata(
            List.of(bin), runner, Duration.ofSeconds(5), Duration.ofMinutes(1), clock);
    assertEquals("alice", m.lookup("4242").orElseThrow().user());
    assertEquals("alice", m.lookup("4242").orElseThrow().user());
    assertEquals(List.of(List.of(scontrol.toString(), "show", "job", "--json", "4242")), calls);
    assertEquals(Optional.empty(), m.lookup("1; rm -rf /"));
  }

  @Test
  void failuresAreRetriedOnlyAfterTheBackoff() throws Exception {
    List<List<String>> calls = new ArrayList<>();
    ProcessRunner runner =
        (cmd, timeout) -> {
          calls.add(cmd);
          throw new IOException("scontrol ran past its 5000 ms limit");
        };
    MutableClock clock = new MutableClock();
    Files.writeString(bin.resolve("scontrol"), "#!/bin/sh\n").toFile().setExecutable(true);
    ScontrolMetadata m =
        new ScontrolMetadata(
            List.of(bin), runner, Duration.ofSeconds(5), Duration.ofMinutes(1), clock);

    assertEquals(Optional.empty(), m.lookup("7"));
    assertEquals(Optional.empty(), m.lookup("7"));
    assertEquals(1, calls.size());
    clock.now = clock.now.plusSeconds(61);
    assertEquals(Optional.empty(), m.lookup("7"));
    assertEquals(2, calls.size());
  }

  /** Slurm 22.05 (Debian 12): scontrol has no --json; squeue --json answers, once asked. */
  @Test
  void fallsBackToSqueueWhenScontrolRefusesJson() throws Exception {
    List<List<String>> calls = new ArrayList<>();
    String squeueJson =
        Files.readString(Path.of("src/test/resources/jobs/slurm-22.05/squeue.running.json"));
    Path scontrol = Files.writeString(bin.resolve("scontrol"), "#!/bin/sh\n");
    scontrol.toFile().setExecutable(true);
    Path squeue = Files.writeString(bin.resolve("squeue"), "#!/bin/sh\n");
    squeue.toFile().setExecutable(true);
    ProcessRunner runner =
        (cmd, timeout) -> {
          calls.add(cmd);
          if (cmd.get(0).equals(scontrol.toString())) {
            // the real message of scontrol 22.05.8
            return new ProcessRunner.Result(
                1,
                "",
                "scontrol: unrecognized option '--json'\nTry \"scontrol --help\" for more information\n");
          }
          return new ProcessRunner.Result(0, squeueJson, "");
        };
    ScontrolMetadata m =
        new ScontrolMetadata(
            List.of(bin), runner, Duration.ofSeconds(5), Duration.ofMinutes(1), new MutableClock());

    SlurmJobRecord three = m.lookup("3").orElseThrow();
    assertEquals("gpu-pair-b", three.name());
    assertEquals(List.of(2, 3), three.gpuIndicesByNode().get("vm"));
    assertEquals("gpu-pair-a", m.lookup("2").orElseThrow().name());
    assertEquals(
        List.of(
            List.of(scontrol.toString(), "show", "job", "--json", "3"),
            List.of(squeue.toString(), "--json", "--states=all", "--jobs=3"),
            List.of(squeue.toString(), "--json", "--states=all", "--jobs=2")),
        calls);
  }

  @Test
  void otherScontrolFailuresAreNotTakenForAMissingJsonOption() throws Exception {
    List<List<String>> calls = new ArrayList<>();
    Files.writeString(bin.resolve("scontrol"), "#!/bin/sh\n").toFile().setExecutable(true);
    Files.writeString(bin.resolve("squeue"), "#!/bin/sh\n").toFile().setExecutable(true);
    ProcessRunner runner =
        (cmd, timeout) -> {
          calls.add(cmd);
          return new ProcessRunner.Result(
              1, "", "slurm_load_jobs error: Invalid job id specified\n");
        };
    ScontrolMetadata m =
        new ScontrolMetadata(
            List.of(bin), runner, Duration.ofSeconds(5), Duration.ofMinutes(1), new MutableClock());
    assertEquals(Optional.empty(), m.lookup("99"));
    assertEquals(1, calls.size());
    assertFalse(ScontrolMetadata.refusesJson("slurm_load_jobs error: Invalid job id specified"));
    assertTrue(ScontrolMetadata.refusesJson("scontrol: unrecognized option '--json'"));
  }

  /** A build without the JSON plugins: both JSON commands fail, the text of scontrol answers. */
  @Test
  void fallsBackToScontrolTextWhenSqueueCannotAnswerInJson() throws Exception {
    List<List<String>> calls = new ArrayList<>();
    String text =
        Files.readString(
            Path.of("src/test/resources/jobs/slurm-22.05/scontrol-show-job-d-3.running.txt"));
    Files.writeString(bin.resolve("scontrol"), "#!/bin/sh\n").toFile().setExecutable(true);
    Files.writeString(bin.resolve("squeue"), "#!/bin/sh\n").toFile().setExecutable(true);
    ProcessRunner runner =
        (cmd, timeout) -> {
          calls.add(cmd.subList(1, cmd.size()));
          if (cmd.contains("--json")) {
            return cmd.get(0).endsWith("scontrol")
                ? new ProcessRunner.Result(1, "", "scontrol: unrecognized option '--json'\n")
                : new ProcessRunner.Result(
                    1, "", "squeue: error: unable to find a data_parser plugin\n");
          }
          return new ProcessRunner.Result(0, text, "");
        };
    ScontrolMetadata m =
        new ScontrolMetadata(
            List.of(bin), runner, Duration.ofSeconds(5), Duration.ofMinutes(1), new MutableClock());
    SlurmJobRecord r = m.lookup("3").orElseThrow();
    assertEquals("gpu-pair-b", r.name());
    assertEquals(List.of(2, 3), r.gpuIndicesByNode().get("vm"));
    assertEquals(
        List.of(
            List.of("show", "job", "--json", "3"),
            List.of("--json", "--states=all", "--jobs=3"),
            List.of("show", "job", "-d", "3")),
        calls);
  }

  @Test
  void pathDirs() {
    assertEquals(
        List.of(Path.of("/usr/bin"), Path.of("/bin")), ScontrolMetadata.pathDirs("/usr/bin::/bin"));
    assertEquals(List.of(), ScontrolMetadata.pathDirs(null));
  }
}
