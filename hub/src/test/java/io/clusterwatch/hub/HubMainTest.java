package io.clusterwatch.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.common.cli.Commands;
import io.clusterwatch.hub.config.HubConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub's command line through its entry point: flags, help, and what a bad flag or key prints.
 */
class HubMainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return HubMain.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  /** The configuration the command would start with, without starting it. */
  private static HubConfig configuration(String... args) {
    HubCommand command = new HubCommand(Clock.systemUTC(), System.out, System.err);
    Commands.commandLine(command).parseArgs(args);
    return command.configuration();
  }

  private static Path file(Path dir, String yaml) throws Exception {
    Path file = dir.resolve("hub.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  @Test
  void helpListsTheFlags() {
    assertEquals(0, run("--help"));
    for (String flag :
        new String[] {"--config=FILE", "--port=PORT", "--data=DIR", "--print-heap", "-h, --help"}) {
      assertTrue(out().contains(flag), flag + " in " + out());
    }
    assertEquals("", err());
  }

  @Test
  void anUnknownConfigKeyIsOneLineAndExitCodeTwo(@TempDir Path dir) throws Exception {
    Path config = file(dir, "live:\n  tik: 5ms\n");
    assertEquals(2, run("--config", config.toString()));
    assertEquals(
        "clusterwatch-hub: "
            + config
            + ": live.tik: unknown key "
            + "(known keys here: cluster_interval, max_clients, max_message, max_write_queue, tick)\n",
        err());
  }

  @Test
  void anOldKeyNamesTheNewOne(@TempDir Path dir) throws Exception {
    Path config = file(dir, "store:\n  raw_retention_seconds: 3600\n");
    assertEquals(2, run("--config", config.toString()));
    assertEquals(
        "clusterwatch-hub: "
            + config
            + ": store.raw_retention_seconds: this key was renamed: "
            + "write store.retention.raw (a duration, e.g. 1h) instead\n",
        err());
  }

  @Test
  void anUnknownRulesKeyIsNamedByItsPath(@TempDir Path dir) throws Exception {
    Path config = file(dir, "rules:\n  health:\n    temperature_critical: 90\n");
    assertEquals(2, run("--config", config.toString()));
    assertTrue(
        err()
            .startsWith(
                "clusterwatch-hub: "
                    + config
                    + ": rules.health.temperature_critical: unknown key "
                    + "(known keys here: agent_silent_intervals, "),
        err());
    assertEquals(1, err().lines().count(), err());
  }

  @Test
  void printHeapIsTheStoreBudgetPlusHeadroomAndStartsNothing(@TempDir Path dir) throws Exception {
    Path config = file(dir, "store:\n  memory_budget: 1GiB\n  path: " + dir.resolve("data") + "\n");
    assertEquals(0, run("--config", config.toString(), "--print-heap"));
    assertEquals("1280m\n", out());
    assertEquals("", err());
    assertTrue(
        Files.notExists(dir.resolve("data")), "--print-heap must not open the data directory");
  }

  @Test
  void printHeapWithoutAConfigurationUsesTheDefaultBudget() {
    assertEquals(0, run("--print-heap"));
    assertEquals("512m\n", out());
  }

  @Test
  void printHeapRoundsUpToWholeMebibytes(@TempDir Path dir) throws Exception {
    Path config = file(dir, "store:\n  memory_budget: 1000\n");
    assertEquals(0, run("--config", config.toString(), "--print-heap"));
    assertEquals("257m\n", out());
  }

  @Test
  void printHeapRefusesABadBudgetLikeTheHub(@TempDir Path dir) throws Exception {
    Path config = file(dir, "store:\n  memory_budget: 1GB\n");
    assertEquals(2, run("--config", config.toString(), "--print-heap"));
    assertEquals("", out());
    assertTrue(err().contains("memory_budget"), err());
  }

  @Test
  void tlsFilesThatCannotBeUsedStopTheHubNamingTheirKey(@TempDir Path dir) throws Exception {
    Path missing = dir.resolve("hub.crt");
    Path config =
        file(
            dir,
            "server:\n  port: 0\n  tls: {cert_file: " + missing + ", key_file: " + missing + "}\n");
    assertEquals(2, run("--config", config.toString()));
    assertEquals("clusterwatch-hub: server.tls.cert_file: " + missing + ": no such file\n", err());
  }

  @Test
  void aMalformedTokensFileStopsTheHubNamingItsLine(@TempDir Path dir) throws Exception {
    Path tokens = dir.resolve("agent-tokens");
    Files.writeString(tokens, "# nodes\n0123456789abcdef0123456789abcdef\n");
    Path config = file(dir, "server: {port: 0}\ningest: {tokens_file: " + tokens + "}\n");
    assertEquals(2, run("--config", config.toString()));
    assertEquals(
        "clusterwatch-hub: ingest.tokens_file: "
            + tokens
            + ":2: expected 'TOKEN HOST_GLOB', found 1 fields\n",
        err());
  }

  @Test
  void aMissingConfigFileIsNamed(@TempDir Path dir) {
    Path missing = dir.resolve("nope.yaml");
    assertEquals(2, run("--config", missing.toString()));
    assertEquals("clusterwatch-hub: " + missing + ": no such configuration file\n", err());
  }

  @Test
  void aFlagValueOfTheWrongTypeIsOneLineAndExitCodeTwo() {
    assertEquals(2, run("--port", "x"));
    assertEquals(
        "clusterwatch-hub: Invalid value for option '--port': 'x' is not an int "
            + "(see clusterwatch-hub --help)\n",
        err());
  }

  @Test
  void aFlagValueThatItsKeyRefusesIsNamedByTheFlag() {
    assertEquals(2, run("--port", "70000"));
    assertEquals("clusterwatch-hub: --port: must be between 0 and 65535, got 70000\n", err());
  }

  @Test
  void anUnknownFlagIsOneLineAndExitCodeTwo() {
    assertEquals(2, run("--frobnicate"));
    assertEquals(
        "clusterwatch-hub: Unknown option: '--frobnicate' (see clusterwatch-hub --help)\n", err());
  }

  @Test
  void aFlagWithoutItsValueIsOneLineAndExitCodeTwo() {
    assertEquals(2, run("--config"));
    assertEquals(
        "clusterwatch-hub: Missing required parameter for option '--config' (FILE) "
            + "(see clusterwatch-hub --help)\n",
        err());
  }

  @Test
  void aDataDirectoryThatCannotBeWrittenStopsStartUpWithOneLine() {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.isDirectory(Path.of("/proc/self")), "needs Linux /proc");
    assertEquals(1, run("--data", "/proc", "--port", "0"));
    assertTrue(err().startsWith("clusterwatch-hub: data directory /proc is not writable: "), err());
    assertEquals(1, err().strip().lines().count(), err());
  }

  @Test
  void portFlagOverridesTheFile() {
    assertEquals(
        9123, configuration("--config", "../config/hub.yaml", "--port", "9123").server().port());
    assertEquals(8080, configuration("--config", "../config/hub.yaml").server().port());
    assertEquals(HubConfig.defaults(), configuration(), "no file, no flags: every default");
  }

  @Test
  void dataFlagOverridesStorePathAndLeavesTheRestOfTheFile(@TempDir Path dir) throws Exception {
    Path config = file(dir, "store:\n  path: /var/lib/clusterwatch\n  wal_sync: 250ms\n");
    HubConfig flagged = configuration("--config", config.toString(), "--data", "elsewhere");
    assertEquals("elsewhere", flagged.store().path());
    assertEquals(Duration.ofMillis(250), flagged.store().walSync());
    assertEquals(
        "/var/lib/clusterwatch", configuration("--config", config.toString()).store().path());
  }

  @Test
  void dataFlagNeedsAValueAndNothingIsTheDefault() {
    assertEquals("", configuration().store().path(), "none by default");
    assertEquals(2, run("--data"));
  }

  @Test
  void anArchiveThatCannotBeOpenedStopsStartUpNamingIt(@TempDir Path dir) throws Exception {
    Path notADirectory = Files.writeString(dir.resolve("file"), "x");
    assertEquals(1, run("--port", "0", "--data", notADirectory.toString()));
    assertTrue(
        err.toString(StandardCharsets.UTF_8).contains(notADirectory.toString()), err.toString());
  }
}
