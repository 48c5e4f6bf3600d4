package io.clusterwatch.agent.jobs.slurm;

import io.clusterwatch.agent.exec.ProcessRunner;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Job metadata from {@code scontrol show job --json <id>}, or from {@code squeue --json
 * --states=all --jobs=<id>} where scontrol has no {@code --json} (Slurm before 23.02, e.g. Debian
 * 12's 22.05: {@code scontrol: unrecognized option '--json'}) or is missing, or from the text of
 * {@code scontrol show job -d <id>} where squeue cannot answer in JSON either (a build without the
 * JSON plugins); only the commands found in the given directories are run. Answers are cached per
 * job (user, name, account and limits do not change while a job runs); a failed lookup is retried
 * no sooner than {@code retryAfter}. Called from the job monitor's own thread; each command is
 * bounded by {@code timeout}.
 */
public final class ScontrolMetadata implements SlurmMetadata {
  private static final Logger LOG = System.getLogger(ScontrolMetadata.class.getName());

  private final Optional<Path> scontrol;
  private final Optional<Path> squeue;

  /** Set once scontrol refused {@code --json}: it will not learn it while the agent runs. */
  private boolean scontrolJsonRefused;

  private final ProcessRunner runner;
  private final Duration timeout;
  private final Duration retryAfter;
  private final Clock clock;
  private final SlurmJsonParser parser = new SlurmJsonParser();
  private final Map<String, SlurmJobRecord> cache = new HashMap<>();
  private final Map<String, Instant> failedAt = new HashMap<>();

  public ScontrolMetadata(
      List<Path> searchDirs,
      ProcessRunner runner,
      Duration timeout,
      Duration retryAfter,
      Clock clock) {
    this.scontrol = findCommand(searchDirs, "scontrol");
    this.squeue = findCommand(searchDirs, "squeue");
    this.runner = runner;
    this.timeout = timeout;
    this.retryAfter = retryAfter;
    this.clock = clock;
  }

  /** The first executable file named {@code command} in {@code dirs}. */
  static Optional<Path> findCommand(List<Path> dirs, String command) {
    return dirs.stream()
        .map(d -> d.resolve(command))
        .filter(p -> Files.isRegularFile(p) && Files.isExecutable(p))
        .findFirst();
  }

  /** The directories of {@code $PATH}. */
  public static List<Path> pathDirs(String pathVariable) {
    if (pathVariable == null || pathVariable.isBlank()) {
      return List.of();
    }
    return Arrays.stream(pathVariable.split(":")).filter(s -> !s.isBlank()).map(Path::of).toList();
  }

  public boolean available() {
    return scontrol.isPresent() || squeue.isPresent();
  }

  @Override
  public synchronized Optional<SlurmJobRecord> lookup(String jobId) {
    if (!available() || jobId.isEmpty() || !jobId.chars().allMatch(Character::isDigit)) {
      return Optional.empty();
    }
    SlurmJobRecord cached = cache.get(jobId);
    if (cached != null) {
      return Optional.of(cached);
    }
    Instant now = clock.instant();
    Instant failed = failedAt.get(jobId);
    if (failed != null && now.isBefore(failed.plus(retryAfter))) {
      return Optional.empty();
    }
    try {
      Optional<SlurmJobRecord> rec = query(jobId);
      if (rec.isEmpty()) {
        throw new IOException("job " + jobId + " is not in the answer");
      }
      cache.put(jobId, rec.get());
      failedAt.remove(jobId);
      return rec;
    } catch (IOException | IllegalArgumentException e) {
      LOG.log(Level.WARNING, "Slurm metadata of job " + jobId + " failed: " + e.getMessage());
      failedAt.put(jobId, now);
      return Optional.empty();
    }
  }

  private Optional<SlurmJobRecord> query(String jobId) throws IOException {
    if (scontrol.isPresent() && !scontrolJsonRefused) {
      List<String> cmd = List.of(scontrol.get().toString(), "show", "job", "--json", jobId);
      ProcessRunner.Result r = runner.run(cmd, timeout);
      if (r.exitCode() == 0) {
        return find(r.stdout(), jobId);
      }
      if (!refusesJson(r.stderr())) {
        throw new IOException(
            String.join(" ", cmd) + ": exit " + r.exitCode() + ": " + r.stderr().strip());
      }
      scontrolJsonRefused = true;
      LOG.log(
          Level.INFO,
          "scontrol has no --json ("
              + r.stderr().strip()
              + "); using squeue --json, else scontrol show job -d");
    }
    String squeueProblem = "there is no squeue";
    if (squeue.isPresent()) {
      List<String> cmd =
          List.of(squeue.get().toString(), "--json", "--states=all", "--jobs=" + jobId);
      ProcessRunner.Result r = runner.run(cmd, timeout);
      if (r.exitCode() == 0) {
        return find(r.stdout(), jobId);
      }
      squeueProblem = String.join(" ", cmd) + ": exit " + r.exitCode() + ": " + r.stderr().strip();
    }
    if (scontrol.isEmpty()) {
      throw new IOException(squeueProblem);
    }
    List<String> cmd = List.of(scontrol.get().toString(), "show", "job", "-d", jobId);
    ProcessRunner.Result r = runner.run(cmd, timeout);
    if (r.exitCode() != 0) {
      throw new IOException(
          squeueProblem
              + "; "
              + String.join(" ", cmd)
              + ": exit "
              + r.exitCode()
              + ": "
              + r.stderr().strip());
    }
    SlurmJobRecord rec = ScontrolTextParser.parse(r.stdout());
    return rec.jobId().equals(jobId) ? Optional.of(rec) : Optional.empty();
  }

  private Optional<SlurmJobRecord> find(String json, String jobId) {
    return parser.parse(json).stream().filter(j -> j.jobId().equals(jobId)).findFirst();
  }

  /** getopt's words for an option this build does not know (glibc: "unrecognized option"). */
  static boolean refusesJson(String stderr) {
    return stderr.contains("--json")
        && (stderr.contains("unrecognized option") || stderr.contains("invalid option"));
  }

  /** Drops what is known about jobs that are no longer on this node. */
  public synchronized void retainOnly(Set<String> jobIds) {
    cache.keySet().retainAll(jobIds);
    failedAt.keySet().retainAll(jobIds);
  }
}
