package io.clusterwatch.e2e.slurmjobs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A main class in a child JVM with the test's own Java and class path (surefire hands the class
 * path over in {@code surefire.test.class.path}), extra environment variables, and its output read
 * on a thread so a test can await a line rather than sleep. Closing stops it: SIGTERM, then kill.
 */
final class ChildJvm implements AutoCloseable {
  private final String name;
  private final Process process;
  private final List<String> lines = new ArrayList<>();
  private boolean ended;

  private ChildJvm(String name, Process process) {
    this.name = name;
    this.process = process;
    Thread reader = new Thread(this::read, name + "-output");
    reader.setDaemon(true);
    reader.start();
  }

  static ChildJvm start(String name, String mainClass, List<String> args, Map<String, String> env)
      throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    if (!Files.isExecutable(java)) {
      throw new IllegalStateException("no java executable at " + java);
    }
    String cp = System.getProperty("surefire.test.class.path");
    if (cp == null || cp.isBlank()) {
      cp = System.getProperty("java.class.path");
    }
    List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx256m", "-XX:+UseSerialGC",
        "-cp", cp, mainClass));
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("CLASSPATH", "");
    pb.environment().putAll(env);
    return new ChildJvm(name, pb.start());
  }

  private void read() {
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        synchronized (this) {
          lines.add(line);
          notifyAll();
        }
      }
    } catch (IOException e) {
      // the process went away; what was read is kept
    } finally {
      synchronized (this) {
        ended = true;
        notifyAll();
      }
    }
  }

  /** The first output line matching {@code pattern}; fails with the output when none comes. */
  synchronized Matcher awaitLine(Pattern pattern, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    int next = 0;
    while (true) {
      for (; next < lines.size(); next++) {
        Matcher m = pattern.matcher(lines.get(next));
        if (m.find()) {
          return m;
        }
      }
      long left = deadline - System.nanoTime();
      if (ended || left <= 0) {
        throw new AssertionError(name + (ended ? " ended" : " timed out") + " before printing /"
            + pattern + "/; its output:\n" + output());
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }

  synchronized String output() {
    return String.join("\n", lines);
  }

  boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(15, TimeUnit.SECONDS);
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
