package io.clusterwatch.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubMainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return HubMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void helpPrintsUsage() {
    assertEquals(0, run("--help"));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("--config FILE"));
  }

  @Test
  void unknownConfigKeyExitsWithTwoNamingTheKey(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("hub.yaml");
    Files.writeString(file, "live:\n  tick: 5\n");
    assertEquals(2, run("--config", file.toString()));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown key 'live.tick'"), err.toString());
  }

  @Test
  void unknownRulesKeyStopsStartUpNamingTheKey(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("hub.yaml");
    Files.writeString(file, "rules:\n  health:\n    temperature_critical: 90\n");
    assertEquals(2, run("--config", file.toString()));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("rules.health: unknown key 'temperature_critical'"),
        err.toString());
  }

  @Test
  void badArgumentsExitWithTwo() {
    assertEquals(2, run("--port", "x"));
    assertEquals(2, run("--frobnicate"));
    assertEquals(2, run("--config"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown argument '--frobnicate'"));
  }

  @Test
  void portFlagOverridesTheFile() {
    HubMain.Arguments a = HubMain.parse(new String[] {"--config", "../config/hub.yaml", "--port", "9123"});
    assertEquals(9123, HubMain.config(a).server().port());
    assertEquals(8080, HubMain.config(HubMain.parse(new String[0])).server().port());
  }

  @Test
  void aDataDirectoryThatCannotBeWrittenStopsStartUpWithOneLine() {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux /proc");
    assertEquals(1, run("--data", "/proc", "--port", "0"));
    String text = err.toString(StandardCharsets.UTF_8);
    assertTrue(text.startsWith("hub: data directory /proc is not writable: "), text);
    assertEquals(1, text.strip().lines().count(), text);
  }

  @Test
  void dataFlagOverridesStorePath(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("hub.yaml");
    Files.writeString(file, "store:\n  path: /var/lib/clusterwatch\n  wal_sync_ms: 250\n");
    HubMain.Arguments a = HubMain.parse(new String[] {"--config", file.toString(), "--data", "elsewhere"});
    assertEquals("elsewhere", HubMain.config(a).store().path());
    assertEquals(250, HubMain.config(a).store().walSyncMs());
    assertEquals("/var/lib/clusterwatch", HubMain.config(HubMain.parse(new String[] {"--config", file.toString()}))
        .store().path());
  }

  @Test
  void dataFlagNeedsAValueAndNothingIsTheDefault(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("hub.yaml");
    Files.writeString(file, "store:\n  path: /var/lib/clusterwatch\n");
    assertEquals("/var/lib/clusterwatch", HubMain.config(HubMain.parse(new String[] {"--config", file.toString()}))
        .store().path());
    assertEquals("/srv/cw", HubMain.config(HubMain.parse(new String[] {"--config", file.toString(), "--data",
        "/srv/cw"})).store().path());
    assertEquals("", HubMain.config(HubMain.parse(new String[0])).store().path(), "none by default");
    assertEquals(2, run("--data"));
    assertEquals(2, run("--data", ""));
  }

  @Test
  void anArchiveThatCannotBeOpenedStopsStartUpNamingIt(@TempDir Path dir) throws Exception {
    Path notADirectory = Files.writeString(dir.resolve("file"), "x");
    assertEquals(1, run("--port", "0", "--data", notADirectory.toString()));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains(notADirectory.toString()), err.toString());
  }
}
