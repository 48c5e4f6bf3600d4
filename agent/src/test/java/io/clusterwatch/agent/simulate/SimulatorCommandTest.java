package io.clusterwatch.agent.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SimulatorCommandTest {
  @Test
  void readsEveryFlagInBothForms() {
    SimulatorOptions o = SimulatorCommand.parse(new String[] {
        "--simulate", "16", "--seed=42", "--hub", "ws://hub:8080/ingest", "--interval=500ms",
        "--token", "t0k"}, "1.2.3");
    assertEquals(16, o.nodes());
    assertEquals(42, o.seed());
    assertEquals("ws://hub:8080/ingest", o.hubUri().toString());
    assertEquals(Duration.ofMillis(500), o.interval());
    assertEquals("t0k", o.token());
    assertEquals("1.2.3", o.agentVersion());
  }

  @Test
  void defaultsToSeedOneAndOneSecond() {
    SimulatorOptions o = SimulatorCommand.parse(
        new String[] {"--simulate=4", "--hub=ws://localhost:8080/ingest"}, "");
    assertEquals(1, o.seed());
    assertEquals(Duration.ofSeconds(1), o.interval());
    assertEquals("", o.token());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--simulate 0 --hub ws://h:1/ingest|--simulate: expected a number from 1 to 10000, got 0",
      "--simulate four --hub ws://h:1/ingest|--simulate: expected a whole number, got 'four'",
      "--simulate 4|--simulate needs --hub ws://HOST:PORT/ingest",
      "--hub ws://h:1/ingest|--simulate: expected the number of nodes",
      "--simulate 4 --hub http://h:1/|--hub: expected a WebSocket URL like ws://hub:8080/ingest, got 'http://h:1/'",
      "--simulate 4 --hub ws://h:1/ingest --interval 1x|--interval: '1x' is not a duration (a whole number and a unit: 250ms, 30s, 5m, 2h or 7d)",
      "--simulate 4 --hub ws://h:1/ingest --procfs /x|unknown flag --procfs for --simulate (see --help)",
      "--simulate 4 --hub ws://h:1/ingest --seed|--seed needs a value (see --help)",
  })
  void badFlagsAreNamed(String args, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SimulatorCommand.parse(args.split(" "), ""));
    assertEquals(message, e.getMessage());
  }

  @Test
  void aBadCommandLineExitsWithTwoAndOneLine() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = SimulatorCommand.run(new String[] {"--simulate", "2"}, "", 
        new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(2, code);
    assertEquals("clusterwatch-agent: --simulate needs --hub ws://HOST:PORT/ingest\n",
        err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void helpListsTheFlags() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertEquals(0, SimulatorCommand.run(new String[] {"--simulate", "2", "--help"}, "",
        new PrintStream(out, true, StandardCharsets.UTF_8), System.err));
    String help = out.toString(StandardCharsets.UTF_8);
    for (String flag : new String[] {"--simulate", "--hub", "--seed", "--interval", "--token"}) {
      assertTrue(help.contains(flag), flag);
    }
  }

  @Test
  void recognisesTheSimulateFlag() {
    assertTrue(SimulatorCommand.wanted(new String[] {"--hub", "ws://h:1/", "--simulate", "3"}));
    assertTrue(SimulatorCommand.wanted(new String[] {"--simulate=3"}));
    assertFalse(SimulatorCommand.wanted(new String[] {"--procfs", "/proc"}));
  }
}
