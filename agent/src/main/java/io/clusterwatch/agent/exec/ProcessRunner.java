package io.clusterwatch.agent.exec;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Runs an external command with a time limit; injected so tests answer with canned output and need
 * neither Slurm nor nvidia-smi.
 */
@FunctionalInterface
public interface ProcessRunner {
  /**
   * Exit status and output of a finished command, the two streams apart so that a warning on
   * standard error cannot spoil the JSON or CSV on standard output.
   */
  record Result(int exitCode, String stdout, String stderr) {}

  /**
   * @param command the executable and its arguments
   * @param timeout how long it may run before it is killed
   * @throws CommandTimeoutException when it ran past {@code timeout} (it has been killed)
   * @throws IOException when it cannot be started (e.g. the executable does not exist)
   */
  Result run(List<String> command, Duration timeout) throws IOException;
}
