package io.clusterwatch.e2e.slurmjobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

/**
 * The shipped {@code config/slurm/prolog.sh} and {@code epilog.sh}, run by slurmd through small
 * wrappers that give them this test's spool directory ({@code CLUSTERWATCH_SPOOL_DIR}, which they
 * otherwise take from slurmd's environment) and note, per job, when each hook started and finished
 * (nanoseconds since the epoch), so the test can time the hub against the hooks.
 */
final class SlurmHooks {
  final Path prolog;
  final Path epilog;
  private final Path prologTimes;
  private final Path epilogTimes;

  private SlurmHooks(Path prolog, Path epilog, Path prologTimes, Path epilogTimes) {
    this.prolog = prolog;
    this.epilog = epilog;
    this.prologTimes = prologTimes;
    this.epilogTimes = epilogTimes;
  }

  static SlurmHooks write(Path repoRoot, Path dir, Path spool) throws IOException {
    Files.createDirectories(dir);
    Path prologTimes = dir.resolve("prolog.times");
    Path epilogTimes = dir.resolve("epilog.times");
    Path prolog =
        wrapper(
            dir.resolve("prolog"), repoRoot.resolve("config/slurm/prolog.sh"), spool, prologTimes);
    Path epilog =
        wrapper(
            dir.resolve("epilog"), repoRoot.resolve("config/slurm/epilog.sh"), spool, epilogTimes);
    return new SlurmHooks(prolog, epilog, prologTimes, epilogTimes);
  }

  private static Path wrapper(Path file, Path script, Path spool, Path times) throws IOException {
    if (!Files.isRegularFile(script)) {
      throw new IllegalStateException("no hook script at " + script);
    }
    StringBuilder sh =
        new StringBuilder("#!/bin/sh\n")
            .append("CLUSTERWATCH_SPOOL_DIR='")
            .append(spool)
            .append("'\n")
            .append("export CLUSTERWATCH_SPOOL_DIR\n");
    sh.append("start=$(date +%s%N)\n")
        .append("/bin/sh '")
        .append(script)
        .append("'\n")
        .append("rc=$?\n")
        .append("echo \"$SLURM_JOB_ID $start $(date +%s%N)\" >> '")
        .append(times)
        .append("'\n")
        .append("exit $rc\n");
    Files.writeString(file, sh);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }

  /** When the prolog of {@code jobId} started and finished, ns since the epoch, once it ran. */
  Optional<long[]> prologTimes(String jobId) throws IOException {
    return times(prologTimes, jobId);
  }

  /** When the epilog of {@code jobId} started and finished, ns since the epoch, once it ran. */
  Optional<long[]> epilogTimes(String jobId) throws IOException {
    return times(epilogTimes, jobId);
  }

  private static Optional<long[]> times(Path file, String jobId) throws IOException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    List<String> lines = Files.readAllLines(file);
    for (String line : lines) {
      String[] f = line.trim().split(" ");
      if (f.length == 3 && f[0].equals(jobId)) {
        return Optional.of(new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
      }
    }
    return Optional.empty();
  }
}
