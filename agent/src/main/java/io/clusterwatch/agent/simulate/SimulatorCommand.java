package io.clusterwatch.agent.simulate;

import io.clusterwatch.agent.ship.HubSettings;
import io.clusterwatch.common.config.ConfigException;
import io.clusterwatch.common.config.Durations;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The {@code agent --simulate N} command line: parses its flags, runs a {@link ClusterSimulator}
 * until the process is told to stop (Ctrl-C, SIGTERM), and closes every connection on the way out.
 */
public final class SimulatorCommand {
  public static final String USAGE = String.join("\n",
      "Usage: clusterwatch-agent --simulate N --hub URL [FLAGS]",
      "",
      "  --simulate N           run N synthetic 8-GPU nodes, each with its own hub connection",
      "  --hub URL              the hub's ingest WebSocket, e.g. ws://localhost:8080/ingest",
      "  --seed S               seed for jobs and readings; the same seed gives the same run (default 1)",
      "  --interval DURATION    sampling interval, e.g. 1s, 500ms (default 1s)",
      "  --token TOKEN          shared ingest token (default none)",
      "  --help                 print this help and exit",
      "");

  private SimulatorCommand() {}

  /** True when the arguments ask for the simulator. */
  public static boolean wanted(String[] args) {
    for (String a : args) {
      if (a.equals("--simulate") || a.startsWith("--simulate=")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Parses {@code --flag value} and {@code --flag=value}.
   *
   * @throws IllegalArgumentException naming the flag and what was wrong
   */
  public static SimulatorOptions parse(String[] args, String agentVersion) {
    Integer nodes = null;
    long seed = SimulatorOptions.DEFAULT_SEED;
    String hub = null;
    String token = "";
    Duration interval = Duration.ofSeconds(1);
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      String value;
      int eq = flag.indexOf('=');
      if (flag.startsWith("--") && eq > 0) {
        value = flag.substring(eq + 1);
        flag = flag.substring(0, eq);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new IllegalArgumentException(flag + " needs a value (see --help)");
      }
      switch (flag) {
        case "--simulate":
          nodes = (int) number(flag, value, 1, 10_000);
          break;
        case "--seed":
          seed = number(flag, value, Long.MIN_VALUE, Long.MAX_VALUE);
          break;
        case "--hub":
          hub = hubUrl(flag, value.trim());
          break;
        case "--interval":
          interval = duration(flag, value);
          break;
        case "--token":
          token = value;
          break;
        default:
          throw new IllegalArgumentException("unknown flag " + flag + " for --simulate (see --help)");
      }
    }
    if (nodes == null) {
      throw new IllegalArgumentException("--simulate: expected the number of nodes");
    }
    if (hub == null || hub.isEmpty()) {
      throw new IllegalArgumentException("--simulate needs --hub ws://HOST:PORT/ingest");
    }
    return new SimulatorOptions(nodes, seed, URI.create(hub), token, interval,
        HubSettings.defaults(), agentVersion);
  }

  /** {@code java -cp clusterwatch-agent.jar io.clusterwatch.agent.simulate.SimulatorCommand --simulate N ...}. */
  public static void main(String[] args) {
    int code = run(args);
    System.out.flush();
    System.exit(code);
  }

  /** {@link #run(String[], String, PrintStream, PrintStream)} on stdout and stderr. */
  public static int run(String[] args) {
    String version = SimulatorCommand.class.getPackage().getImplementationVersion();
    return run(args, version == null ? "dev" : version, System.out, System.err);
  }

  /**
   * Runs the simulator until the JVM shuts down; returns the exit code: 0 after a clean stop or
   * {@code --help}, 2 for a bad command line (one line on {@code err}).
   */
  public static int run(String[] args, String agentVersion, PrintStream out, PrintStream err) {
    for (String a : args) {
      if (a.equals("--help") || a.equals("-h")) {
        out.print(USAGE);
        return 0;
      }
    }
    SimulatorOptions options;
    try {
      options = parse(args, agentVersion);
    } catch (IllegalArgumentException e) {
      err.println("clusterwatch-agent: " + e.getMessage());
      return 2;
    }
    ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
      Thread t = new Thread(r, "simulator");
      t.setDaemon(true);
      return t;
    });
    ClusterSimulator simulator = new ClusterSimulator(options, scheduler, Clock.systemUTC());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      simulator.close();
      scheduler.shutdown();
      stopped.countDown();
    }, "simulator-shutdown"));
    simulator.start();
    out.println("simulating " + options.nodes() + " nodes (" + String.join(", ", simulator.hosts())
        + ") with seed " + options.seed() + ", streaming to " + options.hubUri());
    out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  private static String hubUrl(String flag, String value) {
    try {
      return new HubSettings(value, null, null, null, null, null, null, null).url();
    } catch (ConfigException e) {
      throw new IllegalArgumentException(flag + ": " + e.problem(), e);
    }
  }

  private static Duration duration(String flag, String value) {
    try {
      Duration d = Durations.parse(value);
      if (d.isZero()) {
        throw new IllegalArgumentException("must be longer than 0");
      }
      return d;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(flag + ": " + e.getMessage(), e);
    }
  }

  private static long number(String flag, String value, long min, long max) {
    long n;
    try {
      n = Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + ": expected a whole number, got '" + value + "'");
    }
    if (n < min || n > max) {
      throw new IllegalArgumentException(flag + ": expected a number from " + min + " to " + max
          + ", got " + n);
    }
    return n;
  }
}
