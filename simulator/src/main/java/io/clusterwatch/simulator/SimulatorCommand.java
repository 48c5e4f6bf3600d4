package io.clusterwatch.simulator;

import io.clusterwatch.common.cli.Commands;
import io.clusterwatch.common.config.ByteSize;
import io.clusterwatch.common.config.SecretFile;
import io.clusterwatch.simulator.connection.ConnectionSettings;
import io.clusterwatch.simulator.connection.TlsFiles;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code clusterwatch simulate N}: runs a {@link ClusterSimulator} on one Vert.x event loop until
 * the process is told to stop (Ctrl-C, SIGTERM), then closes every connection on the way out.
 */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    versionProvider = SimulatorCommand.Version.class,
    sortOptions = false,
    description = {
      "Runs N synthetic 8-GPU nodes, each streaming to the hub over its own connection as a real"
          + " agent would (wire protocol v1), all on one event loop.",
      "The same seed gives the same jobs and readings."
    })
public final class SimulatorCommand implements Callable<Integer> {
  /** {@link #call} started the simulator; the JVM keeps running until it is stopped. */
  static final int RUNNING = -1;

  /**
   * One line per log record unless the launcher chose a format (java.util.logging), as the agent's.
   */
  private static final String LOG_FORMAT = "%1$tF %1$tT %4$s %3$s: %5$s%6$s%n";

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "N",
      description = "number of simulated nodes (1 to " + SimulatorOptions.MAX_NODES + ")")
  int nodes;

  @Option(
      names = "--hub",
      paramLabel = "URL",
      defaultValue = "ws://localhost:8080/ingest",
      description = "the hub's ingest WebSocket (default: ${DEFAULT-VALUE})")
  URI hub;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "1",
      description = "seed for jobs and readings (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--interval",
      paramLabel = "DURATION",
      defaultValue = "1s",
      description = "sampling interval of every node, e.g. 500ms (default: ${DEFAULT-VALUE})")
  Duration interval;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      defaultValue = "",
      description = "shared ingest token (default: none)")
  String token;

  @Option(
      names = "--hub-token-file",
      paramLabel = "FILE",
      description = "file holding the ingest token, kept out of ps (instead of --token)")
  Path tokenFile;

  @Option(
      names = "--hub-ca",
      paramLabel = "FILE",
      description =
          "CA certificates (PEM) a wss:// hub's certificate must be signed by"
              + " (default: the system trust store)")
  Path hubCa;

  @Option(
      names = "--hub-cert",
      paramLabel = "FILE",
      description = "client certificate (PEM) for a hub with mutual TLS")
  Path hubCert;

  @Option(names = "--hub-key", paramLabel = "FILE", description = "private key (PEM) of --hub-cert")
  Path hubKey;

  @Option(
      names = "--buffer-frames",
      paramLabel = "N",
      defaultValue = "600",
      description = "unacknowledged frames each node keeps for resend (default: ${DEFAULT-VALUE})")
  int bufferFrames;

  @Option(
      names = "--buffer-bytes",
      paramLabel = "SIZE",
      defaultValue = "32MiB",
      description =
          "bytes of unacknowledged frames each node keeps, e.g. 512KiB (default: ${DEFAULT-VALUE})")
  ByteSize bufferBytes;

  @Option(
      names = "--backoff-initial",
      paramLabel = "DURATION",
      defaultValue = "500ms",
      description =
          "first reconnect delay; each failure doubles it, with jitter (default: ${DEFAULT-VALUE})")
  Duration backoffInitial;

  @Option(
      names = "--backoff-max",
      paramLabel = "DURATION",
      defaultValue = "30s",
      description = "longest reconnect delay (default: ${DEFAULT-VALUE})")
  Duration backoffMax;

  @Option(
      names = "--connect-timeout",
      paramLabel = "DURATION",
      defaultValue = "5s",
      description =
          "limit on a connect and on the wait for the hub's welcome (default: ${DEFAULT-VALUE})")
  Duration connectTimeout;

  public static void main(String[] args) {
    if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
      System.setProperty("java.util.logging.SimpleFormatter.format", LOG_FORMAT);
    }
    int code = Commands.run(new SimulatorCommand(), args);
    if (code != RUNNING) {
      System.exit(code);
    }
  }

  /** The options the flags describe; a bad combination is a usage error naming the flag. */
  SimulatorOptions options() {
    try {
      if (tokenFile != null && !token.isEmpty()) {
        throw new IllegalArgumentException("--token and --hub-token-file: give one of them");
      }
      String secret = tokenFile == null ? token : SecretFile.read(tokenFile, "--hub-token-file");
      return new SimulatorOptions(
          nodes,
          seed,
          interval,
          new ConnectionSettings(
              hub,
              secret,
              bufferFrames,
              bufferBytes.bytes(),
              backoffInitial,
              backoffMax,
              connectTimeout,
              new TlsFiles(hubCa, hubCert, hubKey)),
          Version.current());
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }

  @Override
  public Integer call() {
    SimulatorOptions options = options();
    Vertx vertx = Vertx.vertx(ClusterSimulator.vertxOptions());
    ClusterSimulator simulator = new ClusterSimulator(options, Clock.systemUTC());
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> vertx.close().await(), "simulator-shutdown"));
    vertx.deployVerticle(simulator).await();
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        "simulating "
            + options.nodes()
            + " nodes ("
            + String.join(", ", simulator.hosts())
            + ") with seed "
            + options.seed()
            + ", streaming to "
            + options.connection().hubUri());
    out.flush();
    return RUNNING;
  }

  /** The jar's Implementation-Version, or {@code dev} when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    static String current() {
      String v = SimulatorCommand.class.getPackage().getImplementationVersion();
      return v == null ? "dev" : v;
    }

    @Override
    public String[] getVersion() {
      return new String[] {"clusterwatch simulate " + current()};
    }
  }
}
