package io.clusterwatch.e2e.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A child JVM whose output (stdout and stderr merged) is read line by line on its own thread, so a
 * test can await a line (a readiness message) instead of sleeping, and show the output when
 * something goes wrong. Closing stops the process: politely, then forcibly.
 */
public final class ChildProcess implements AutoCloseable {
  private final String name;
  private final Process process;
  private final List<String> lines = new ArrayList<>();
  private boolean ended;

  ChildProcess(String name, Process process) {
    this.name = name;
    this.process = process;
    Thread reader = new Thread(this::readOutput, name + "-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code command} (a database, a tool) with its stderr merged into stdout. */
  public static ChildProcess start(String name, List<String> command) throws IOException {
    return new ChildProcess(name, new ProcessBuilder(command).redirectErrorStream(true).start());
  }

  private void readOutput() {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        synchronized (this) {
          lines.add(line);
          notifyAll();
        }
      }
    } catch (IOException e) {
      // The process went away; what was read is kept.
    } finally {
      synchronized (this) {
        ended = true;
        notifyAll();
      }
    }
  }

  /**
   * Waits for an output line matching {@code pattern} and returns its match.
   *
   * @throws AssertionError with the output so far when the process ends or time runs out first
   */
  public synchronized Matcher awaitLine(Pattern pattern, Duration timeout)
      throws InterruptedException {
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
        throw new AssertionError(
            name
                + (ended ? " ended" : " timed out")
                + " before printing /"
                + pattern
                + "/; its output:\n"
                + output());
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }

  public synchronized String output() {
    return String.join("\n", lines);
  }

  /** The process id: with a launcher script that ends in {@code exec java}, the JVM's. */
  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** {@code kill -9}: the process gets no chance to flush or clean up. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      throw new AssertionError(name + " survived SIGKILL for 15 s");
    }
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
