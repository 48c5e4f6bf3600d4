package io.clusterwatch.e2e.slurm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external command to completion within a time limit, capturing stdout and stderr. Output
 * goes through temporary files, not pipes, so daemons the command leaves behind cannot hold a pipe
 * open and a chatty command cannot block on a full pipe.
 */
public final class BoundedCommand {

  /** What a finished command left: its exit status and everything it printed. */
  public record Result(List<String> command, int exitCode, String stdout, String stderr) {
    public boolean succeeded() {
      return exitCode == 0;
    }

    /** A message naming the command, its status and the end of its stderr, for assertion errors. */
    public String describe() {
      String tail =
          stderr.length() > 4000 ? "..." + stderr.substring(stderr.length() - 4000) : stderr;
      return String.join(" ", command)
          + " exited with "
          + exitCode
          + "\nstderr:\n"
          + tail
          + (stdout.isBlank() ? "" : "\nstdout:\n" + stdout);
    }
  }

  private BoundedCommand() {}

  /**
   * Runs {@code command} with {@code extraEnv} added to this process's environment.
   *
   * @throws IllegalStateException when it runs past {@code timeout} (it and its children are
   *     killed)
   */
  public static Result run(
      List<String> command, Map<String, String> extraEnv, Path workDir, Duration timeout) {
    Path out = null;
    Path err = null;
    try {
      out = Files.createTempFile("cmd-out", ".txt");
      err = Files.createTempFile("cmd-err", ".txt");
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .redirectOutput(out.toFile())
              .redirectError(err.toFile());
      builder.environment().putAll(extraEnv);
      Process process = builder.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new IllegalStateException(
            String.join(" ", command)
                + " did not finish within "
                + timeout
                + "; stderr so far:\n"
                + Files.readString(err, StandardCharsets.UTF_8));
      }
      return new Result(
          List.copyOf(command),
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(
          "could not run " + String.join(" ", command) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
    } finally {
      deleteQuietly(out);
      deleteQuietly(err);
    }
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // A leftover temporary file is harmless; the command's result matters.
      }
    }
  }
}
