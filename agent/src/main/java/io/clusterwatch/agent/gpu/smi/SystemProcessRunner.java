package io.clusterwatch.agent.gpu.smi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs commands with {@link ProcessBuilder}. Output goes to a temporary file rather than a pipe, so
 * a chatty child can never block on a full pipe while we wait for it.
 */
public final class SystemProcessRunner implements ProcessRunner {
  @Override
  public Result run(List<String> command, Duration timeout) throws IOException {
    Path output = Files.createTempFile("clusterwatch-cmd", ".out");
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
      boolean finished;
      try {
        finished = process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        finished = false;
      }
      if (!finished) {
        process.destroyForcibly();
        return new Result(-1, Files.readString(output, StandardCharsets.UTF_8), true);
      }
      return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8), false);
    } finally {
      Files.deleteIfExists(output);
    }
  }
}
