package io.clusterwatch.agent.gpu.smi;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** Runs an external command with a deadline; injected so tests can answer with canned output. */
public interface ProcessRunner {
  /**
   * The command's result.
   *
   * @param command the executable and its arguments
   * @param timeout how long it may run before it is killed
   * @throws IOException when it cannot be started (e.g. the executable does not exist)
   */
  Result run(List<String> command, Duration timeout) throws IOException;

  /**
   * @param exitCode the exit status; meaningless when {@code timedOut}
   * @param output standard output and error, merged
   * @param timedOut true when it was killed at the deadline
   */
  record Result(int exitCode, String output, boolean timedOut) {}
}
