package io.clusterwatch.e2e.system;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Prometheus' own linter for exposition text, {@code promtool check metrics} (Debian package
 * {@code prometheus}). Where it is missing the check is skipped with a loud message, except under
 * {@code CI=true}, where a missing promtool fails the test: CI installs it.
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
    if (found == null) {
      String message = "promtool NOT FOUND (install the Debian package 'prometheus'):"
          + " the `promtool check metrics` checks of /metrics are SKIPPED";
      System.err.println("*** " + message + " ***");
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(message + "; CI=true requires them");
      }
      Assumptions.abort(message);
    }
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

  /** Result of one check: promtool's exit status and what it printed. */
  record Result(int exitCode, String output) {}

  /** Runs {@code promtool check metrics} with {@code exposition} on stdin. */
  Result checkMetrics(String exposition) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(binary.toString(), "check", "metrics")
        .redirectErrorStream(true).start();
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
