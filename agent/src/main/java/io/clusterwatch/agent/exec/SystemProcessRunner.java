package io.clusterwatch.agent.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs commands with {@link ProcessBuilder}. Output goes to temporary files rather than pipes, so a
 * chatty command can never block on a full pipe while we wait for it.
 */
public final class SystemProcessRunner implements ProcessRunner {
  private static final int MAX_STDERR_CHARS = 2000;

  @Override
  public Result run(List<String> command, Duration timeout) throws IOException {
    Path out = Files.createTempFile("clusterwatch-cmd", ".out");
    Path err = Files.createTempFile("clusterwatch-cmd", ".err");
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      boolean done;
      try {
        done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new IOException(command.get(0) + " interrupted", e);
      }
      if (!done) {
        p.destroyForcibly();
        throw new CommandTimeoutException(
            command.get(0) + " ran past its " + timeout.toMillis() + " ms limit");
      }
      String stderr = Files.readString(err, StandardCharsets.UTF_8);
      if (stderr.length() > MAX_STDERR_CHARS) {
        stderr = stderr.substring(0, MAX_STDERR_CHARS);
      }
      return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), stderr);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
