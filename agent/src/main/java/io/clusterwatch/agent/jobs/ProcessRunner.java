package io.clusterwatch.agent.jobs;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** Runs an external command with a time limit (injected so tests need no Slurm). */
@FunctionalInterface
public interface ProcessRunner {
  /** Exit status and output of a finished command. */
  record Result(int exitCode, String stdout, String stderr) {}

  /**
   * @throws IOException when the command cannot start, or runs past {@code timeout} (it is killed)
   */
  Result run(List<String> command, Duration timeout) throws IOException;
}
