package io.clusterwatch.agent;

import io.clusterwatch.agent.collect.CollectorFactory;
import io.clusterwatch.agent.collect.DefaultCollectors;
import io.clusterwatch.common.cli.Commands;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import picocli.CommandLine;

/**
 * The agent's entry point: runs {@link AgentCommand} with the project's command-line conventions
 * (generated {@code --help}, one line and exit status 2 for a bad flag or configuration key). The
 * only class that calls {@link System#exit}.
 */
public final class AgentMain {
  /** {@link #run} started the long-running agent; the JVM keeps going. */
  static final int RUNNING = AgentCommand.RUNNING;

  /** The simulator is its own command now; {@code --simulate} only says where it went. */
  static final String SIMULATOR_MOVED = "the simulator moved: run `clusterwatch simulate N`";

  /** One line per log record unless the launcher chose a format (java.util.logging). */
  private static final String LOG_FORMAT = "%1$tF %1$tT %4$s %3$s: %5$s%6$s%n";

  private final List<CollectorFactory<?>> factories;
  private final Clock clock;
  private final PrintStream out;
  private final PrintStream err;

  AgentMain(List<CollectorFactory<?>> factories, Clock clock, PrintStream out, PrintStream err) {
    this.factories = factories;
    this.clock = clock;
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
      System.setProperty("java.util.logging.SimpleFormatter.format", LOG_FORMAT);
    }
    int code =
        new AgentMain(DefaultCollectors.factories(), Clock.systemUTC(), System.out, System.err)
            .run(args);
    if (code != RUNNING) {
      System.out.flush();
      System.exit(code);
    }
  }

  int run(String[] args) {
    for (String a : args) {
      if (a.equals("--simulate") || a.startsWith("--simulate=")) {
        err.println("clusterwatch-agent: " + SIMULATOR_MOVED);
        return Commands.USAGE;
      }
    }
    CommandLine cl = Commands.commandLine(new AgentCommand(factories, clock, out, err));
    cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    return cl.execute(args);
  }
}
