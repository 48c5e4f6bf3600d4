package io.clusterwatch.common.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.common.config.ByteSize;
import io.clusterwatch.common.config.ConfigException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class CommandsTest {
  @Command(name = "probe", mixinStandardHelpOptions = true, description = "A test command.")
  static final class Probe implements Callable<Integer> {
    @Option(names = "--interval", description = "Sampling interval.")
    Duration interval = Duration.ofSeconds(1);

    @Option(names = "--buffer")
    ByteSize buffer = ByteSize.ofMiB(32);

    @Option(names = "--fail-config")
    boolean failConfig;

    @Override
    public Integer call() {
      if (failConfig) {
        throw new ConfigException("hub.url", "must start with ws:// or wss://").from("agent.yaml");
      }
      return 0;
    }
  }

  private final StringWriter err = new StringWriter();
  private final StringWriter out = new StringWriter();

  private int run(Probe probe, String... args) {
    CommandLine cl = Commands.commandLine(probe);
    cl.setErr(new PrintWriter(err, true));
    cl.setOut(new PrintWriter(out, true));
    return cl.execute(args);
  }

  @Test
  void convertsDurationsAndSizes() {
    Probe p = new Probe();
    assertEquals(0, run(p, "--interval", "250ms", "--buffer", "8MiB"));
    assertEquals(Duration.ofMillis(250), p.interval);
    assertEquals(ByteSize.ofMiB(8), p.buffer);
  }

  @Test
  void aBadFlagIsOneLineAndStatusTwo() {
    assertEquals(2, run(new Probe(), "--intervall", "1s"));
    String text = err.toString().strip();
    assertEquals(1, text.lines().count(), text);
    assertTrue(text.startsWith("probe: Unknown options: '--intervall', '1s'"), text);
    assertTrue(text.endsWith("(see probe --help)"), text);
  }

  @Test
  void aBadValueNamesTheSyntax() {
    assertEquals(2, run(new Probe(), "--interval", "10"));
    assertEquals(
        "probe: Invalid value for option '--interval': '10' is not a duration "
            + "(a whole number and a unit: 250ms, 30s, 5m, 2h or 7d) (see probe --help)",
        err.toString().strip());
  }

  @Test
  void aConfigurationErrorIsOneLineAndStatusTwo() {
    assertEquals(2, run(new Probe(), "--fail-config"));
    assertEquals(
        "probe: agent.yaml: hub.url: must start with ws:// or wss://", err.toString().strip());
  }

  @Test
  void helpIsGenerated() {
    assertEquals(0, run(new Probe(), "--help"));
    assertTrue(out.toString().contains("--interval=<interval>"), out.toString());
    assertTrue(out.toString().contains("Sampling interval."), out.toString());
  }
}
