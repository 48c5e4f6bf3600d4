package io.clusterwatch.e2e.system;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Prometheus' own linter for exposition text, {@code promtool check metrics} (Debian package {@code
 * prometheus}). Where it is missing the check is skipped with a loud message, except under {@code
 * CI=true}, where a missing promtool fails the test: CI installs it.
 */
final class Promtool {
  private static final Path DEBIAN = Path.of("/usr/bin/promtool");

  private final Path binary;

  private Promtool(Path binary) {
    this.binary = binary;
  }

  /** The installed promtool; aborts (skips) the test, or fails it under CI=true, when absent. */
  static Promtool require() {
    Path found = locate();
    Prerequisite.require(
        found != null,
        "promtool (Debian package 'prometheus', for `promtool check metrics` on /metrics)");
    return new Promtool(found);
  }

  private static Path locate() {
    if (Files.isExecutable(DEBIAN)) {
      return DEBIAN;
    }
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(java.io.File.pathSeparator)) {
        Path p = Path.of(dir, "promtool");
        if (Files.isExecutable(p)) {
          return p;
        }
      }
    }
    return null;
  }

  /** promtool's exit status when the text parsed but lint rules found problems. */
  static final int LINT_PROBLEMS = 3;

  /** Result of one check: promtool's exit status and what it printed, one problem a line. */
  record Result(int exitCode, String output) {
    List<String> problems() {
      return output.lines().filter(l -> !l.isBlank()).collect(Collectors.toList());
    }
  }

  /** Runs {@code promtool check metrics} with {@code exposition} on stdin. */
  Result checkMetrics(String exposition) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(binary.toString(), "check", "metrics").redirectErrorStream(true).start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(exposition.getBytes(StandardCharsets.UTF_8));
    }
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("promtool check metrics did not finish within 60 s");
    }
    return new Result(p.exitValue(), output);
  }
}
