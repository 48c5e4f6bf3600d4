package io.clusterwatch.agent.jobs;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Job metadata from {@code scontrol show job --json <id>}, only when {@code scontrol} exists in one
 * of the given directories. Answers are cached per job (user, name, account and limits do not
 * change while a job runs); a failed lookup is retried no sooner than {@code retryAfter}.
 */
public final class ScontrolMetadata implements SlurmMetadata {
  private static final Logger LOG = System.getLogger(ScontrolMetadata.class.getName());

  private final Optional<Path> scontrol;
  private final ProcessRunner runner;
  private final Duration timeout;
  private final Duration retryAfter;
  private final Clock clock;
  private final SlurmJsonParser parser = new SlurmJsonParser();
  private final Map<String, SlurmJobRecord> cache = new HashMap<>();
  private final Map<String, Instant> failedAt = new HashMap<>();

  public ScontrolMetadata(
      List<Path> searchDirs, ProcessRunner runner, Duration timeout, Duration retryAfter, Clock clock) {
    this.scontrol =
        searchDirs.stream()
            .map(d -> d.resolve("scontrol"))
            .filter(p -> Files.isRegularFile(p) && Files.isExecutable(p))
            .findFirst();
    this.runner = runner;
    this.timeout = timeout;
    this.retryAfter = retryAfter;
    this.clock = clock;
  }

  /** The directories of {@code $PATH}. */
  public static List<Path> pathDirs(String pathVariable) {
    if (pathVariable == null || pathVariable.isBlank()) {
      return List.of();
    }
    return java.util.Arrays.stream(pathVariable.split(":"))
        .filter(s -> !s.isBlank())
        .map(Path::of)
        .toList();
  }

  public boolean available() {
    return scontrol.isPresent();
  }

  @Override
  public synchronized Optional<SlurmJobRecord> lookup(String jobId) {
    if (scontrol.isEmpty() || !jobId.chars().allMatch(Character::isDigit) || jobId.isEmpty()) {
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
    List<String> cmd = List.of(scontrol.get().toString(), "show", "job", "--json", jobId);
    try {
      ProcessRunner.Result r = runner.run(cmd, timeout);
      if (r.exitCode() != 0) {
        throw new IOException("exit " + r.exitCode() + ": " + r.stderr().strip());
      }
      Optional<SlurmJobRecord> rec =
          parser.parse(r.stdout()).stream().filter(j -> j.jobId().equals(jobId)).findFirst();
      if (rec.isEmpty()) {
        throw new IOException("job " + jobId + " is not in the answer");
      }
      cache.put(jobId, rec.get());
      failedAt.remove(jobId);
      return rec;
    } catch (IOException | IllegalArgumentException e) {
      LOG.log(Level.WARNING, "scontrol show job " + jobId + " failed: " + e.getMessage());
      failedAt.put(jobId, now);
      return Optional.empty();
    }
  }

  /** Drops what is known about jobs that are no longer on this node. */
  public synchronized void retainOnly(java.util.Set<String> jobIds) {
    cache.keySet().retainAll(jobIds);
    failedAt.keySet().retainAll(jobIds);
  }
}
