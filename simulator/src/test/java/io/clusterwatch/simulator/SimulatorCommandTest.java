package io.clusterwatch.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.common.cli.Commands;
import io.clusterwatch.simulator.connection.ConnectionSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class SimulatorCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private CommandLine commandLine(SimulatorCommand command) {
    CommandLine cl = Commands.commandLine(command);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl;
  }

  private SimulatorOptions parse(String... args) {
    SimulatorCommand command = new SimulatorCommand();
    commandLine(command).parseArgs(args);
    return command.options();
  }

  @Test
  void readsEveryFlagInBothForms() {
    SimulatorOptions o =
        parse(
            "16",
            "--seed=42",
            "--hub",
            "ws://hub:8080/ingest",
            "--interval=500ms",
            "--token",
            "t0k",
            "--buffer-frames",
            "20",
            "--buffer-bytes=1MiB",
            "--backoff-initial",
            "200ms",
            "--backoff-max",
            "2s",
            "--connect-timeout",
            "3s");
    assertEquals(16, o.nodes());
    assertEquals(42, o.seed());
    assertEquals(Duration.ofMillis(500), o.interval());
    ConnectionSettings c = o.connection();
    assertEquals("ws://hub:8080/ingest", c.hubUri().toString());
    assertEquals("t0k", c.token());
    assertEquals(20, c.bufferFrames());
    assertEquals(1L << 20, c.bufferBytes());
    assertEquals(Duration.ofMillis(200), c.backoffInitial());
    assertEquals(Duration.ofSeconds(2), c.backoffMax());
    assertEquals(Duration.ofSeconds(3), c.connectTimeout());
  }

  @Test
  void defaultsAreTheAgentsHubDefaults() {
    SimulatorOptions o = parse("4");
    assertEquals(1, o.seed());
    assertEquals(Duration.ofSeconds(1), o.interval());
    assertEquals(
        ConnectionSettings.defaults(java.net.URI.create("ws://localhost:8080/ingest"), ""),
        o.connection());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "0|simulate: N: expected a number of nodes from 1 to 10000, got 0 (see simulate --help)",
        "four|simulate: Invalid value for positional parameter at index 0 (N): 'four' is not an int (see simulate --help)",
        "''|simulate: Missing required parameter: 'N' (see simulate --help)",
        "4 --hub http://h:1/|simulate: --hub: expected a WebSocket URL like ws://hub:8080/ingest, got 'http://h:1/' (see simulate --help)",
        "4 --procfs /x|simulate: Unknown options: '--procfs', '/x' (see simulate --help)",
        "4 --seed|simulate: Missing required parameter for option '--seed' (S) (see simulate --help)",
        "4 --backoff-initial 2s --backoff-max 1s|simulate: --backoff-max (PT1S) must not be shorter than --backoff-initial (PT2S) (see simulate --help)",
        "4 --buffer-frames 0|simulate: --buffer-frames must be at least 1, got 0 (see simulate --help)",
      })
  void aBadCommandLineIsOneLineAndStatusTwo(String args, String message) {
    String[] argv = args.isEmpty() ? new String[0] : args.split(" ");
    assertEquals(Commands.USAGE, commandLine(new SimulatorCommand()).execute(argv));
    assertEquals(message, err.toString().strip());
  }

  @Test
  void aBadDurationNamesTheSyntax() {
    assertEquals(
        Commands.USAGE, commandLine(new SimulatorCommand()).execute("4", "--interval", "1x"));
    String text = err.toString().strip();
    assertEquals(1, text.lines().count(), text);
    assertTrue(text.contains("--interval") && text.contains("250ms, 30s, 5m, 2h or 7d"), text);
  }

  @Test
  void helpIsGeneratedAndListsEveryFlag() {
    assertEquals(0, commandLine(new SimulatorCommand()).execute("--help"));
    String help = out.toString();
    assertTrue(help.startsWith("Usage: simulate"), help);
    for (String flag :
        new String[] {
          "N",
          "--hub",
          "--seed",
          "--interval",
          "--token",
          "--buffer-frames",
          "--buffer-bytes",
          "--backoff-initial",
          "--backoff-max",
          "--connect-timeout",
          "--help",
          "--version"
        }) {
      assertTrue(help.contains(flag), flag + " in\n" + help);
    }
  }
}
