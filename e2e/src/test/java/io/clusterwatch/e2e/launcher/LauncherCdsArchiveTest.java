package io.clusterwatch.e2e.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's class-data archive for the agent ({@code ./clusterwatch agent}): one archive per
 * JDK major version, dumped on the first start and mapped on every start. The launcher runs in a
 * copy of the tree whose jars exist (so it builds nothing) with a {@code java} on the PATH that
 * answers {@code -version} the way a JVM does when JAVA_TOOL_OPTIONS is set ("Picked up ..."
 * first), creates the file named by {@code -XX:ArchiveClassesAtExit} and records its arguments.
 */
class LauncherCdsArchiveTest {
  private static final Path LAUNCHER = Path.of("..", "clusterwatch");

  // A JVM stand-in: -version as JDK 17 prints it under JAVA_TOOL_OPTIONS; the dump run writes the
  // archive and waits to be stopped (the launcher stops it with SIGTERM); every run appends its
  // arguments, one a line, then "--", to $JAVA_CALLS.
  private static final String FAKE_JAVA =
      """
      #!/usr/bin/env bash
      printf '%s\\n' "$@" -- >>"$JAVA_CALLS"
      for a in "$@"; do
        case "$a" in
          -version)
            echo 'Picked up JAVA_TOOL_OPTIONS: -Dclusterwatch.test=1' >&2
            echo 'openjdk version "17.0.15" 2025-04-15' >&2
            echo 'OpenJDK Runtime Environment (build 17.0.15+6)' >&2
            exit 0 ;;
          -XX:ArchiveClassesAtExit=*)
            : >"${a#*=}"
            exec sleep 60 ;;
        esac
      done
      """;

  @TempDir Path tree;

  @Test
  void archiveIsNamedAfterTheJdkVersionEvenWhenTheJvmPrintsPickedUpFirst() throws Exception {
    Path calls = tree.resolve("java-calls.txt");
    setUpTree();

    runAgentOnce(calls);
    runAgentOnce(calls);

    Path archive = tree.resolve("agent/target/clusterwatch-agent-jdk17.jsa");
    assertTrue(Files.exists(archive), "archive for JDK 17 dumped");
    assertFalse(
        Files.exists(tree.resolve("agent/target/clusterwatch-agent-jdk0.jsa")),
        "no archive named after an unparsed version");
    List<List<String>> runs = javaRuns(calls);
    long dumps =
        runs.stream()
            .filter(args -> args.stream().anyMatch(a -> a.startsWith("-XX:ArchiveClassesAtExit=")))
            .count();
    assertEquals(1, dumps, "dumped on the first start only: " + runs);
    List<List<String>> agentRuns = runs.stream().filter(args -> args.contains("--once")).toList();
    assertEquals(2, agentRuns.size(), "both starts ran the agent: " + runs);
    for (List<String> args : agentRuns) {
      assertTrue(args.contains("-XX:SharedArchiveFile=" + archive), "maps the archive: " + args);
      assertTrue(args.contains("-Xshare:auto"), "falls back when it cannot map it: " + args);
    }
  }

  private void setUpTree() throws IOException {
    Path launcher = tree.resolve("clusterwatch");
    Files.copy(LAUNCHER, launcher);
    for (String jar :
        List.of(
            "agent/target/clusterwatch-agent.jar",
            "hub/target/clusterwatch-hub.jar",
            "simulator/target/clusterwatch-simulator.jar")) {
      Files.createDirectories(tree.resolve(jar).getParent());
      Files.writeString(tree.resolve(jar), "");
    }
    Path java = tree.resolve("bin/java");
    Files.createDirectories(java.getParent());
    Files.writeString(java, FAKE_JAVA);
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private void runAgentOnce(Path calls) throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder(tree.resolve("clusterwatch").toString(), "agent", "--once")
            .redirectErrorStream(true)
            .redirectOutput(tree.resolve("launcher.log").toFile());
    pb.environment().put("PATH", tree.resolve("bin") + ":" + System.getenv("PATH"));
    pb.environment().put("JAVA_TOOL_OPTIONS", "-Dclusterwatch.test=1");
    pb.environment().put("JAVA_CALLS", calls.toString());
    Process launcher = pb.start();
    assertTrue(launcher.waitFor(60, TimeUnit.SECONDS), "launcher finished");
    assertEquals(
        0, launcher.exitValue(), () -> "launcher failed: " + read(tree.resolve("launcher.log")));
  }

  /** The recorded runs of the stand-in, each its argument list. */
  private static List<List<String>> javaRuns(Path calls) throws IOException {
    String all = Files.readString(calls);
    return Arrays.stream(all.split("(?m)^--\\n"))
        .filter(run -> !run.isBlank())
        .map(run -> List.of(run.split("\\n")))
        .toList();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
