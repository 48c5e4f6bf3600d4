package io.clusterwatch.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentMainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    Clock clock = Clock.fixed(Instant.ofEpochMilli(1_700_000_000_000L), ZoneOffset.UTC);
    return new AgentMain(
            TestCollectors.factories(),
            clock,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8))
        .run(args);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private static Path procfs(Path root) throws Exception {
    Path proc = root.resolve("proc");
    Files.createDirectories(proc);
    Files.writeString(proc.resolve("meminfo"), "MemTotal:        3742148 kB\n");
    return proc;
  }

  @Test
  void helpListsTheFlags() {
    assertEquals(0, run("--help"));
    for (String flag :
        new String[] {
          "--config=FILE",
          "--procfs=DIR",
          "--sysfs=DIR",
          "--gpu=BACKEND",
          "--nvml-lib=PATH",
          "--nvidia-smi=PATH",
          "--hub=URL",
          "--hub-ca=FILE",
          "--hub-token-file=FILE",
          "--hub-cert=FILE",
          "--hub-key=FILE",
          "--interval=DURATION",
          "--listen=ADDR:PORT",
          "--no-metrics",
          "--hostname=NAME",
          "--once",
          "--format=FORMAT",
          "--help"
        }) {
      assertTrue(out().contains(flag), flag + " in " + out());
    }
  }

  @Test
  void aBadFlagValueIsOneLineAndExitCodeTwo() {
    assertEquals(2, run("--interval", "fast"));
    assertEquals(
        "clusterwatch-agent: Invalid value for option '--interval': 'fast' is not a duration "
            + "(a whole number and a unit: 250ms, 30s, 5m, 2h or 7d) (see clusterwatch-agent --help)\n",
        err());
  }

  @Test
  void anUnknownFlagIsOneLineAndExitCodeTwo() {
    assertEquals(2, run("--bogus"));
    assertEquals(1, err().lines().count(), err());
    assertTrue(err().startsWith("clusterwatch-agent: Unknown option: '--bogus'"), err());
  }

  @Test
  void theSimulatorMovedToItsOwnCommand() {
    assertEquals(2, run("--simulate", "4", "--hub", "ws://localhost:1/ingest"));
    assertEquals("clusterwatch-agent: the simulator moved: run `clusterwatch simulate N`\n", err());
  }

  @Test
  void anUnknownConfigKeyStopsStartUpNamingIt(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("agent.yaml");
    Files.writeString(config, "collectors:\n  disk:\n    exlude: sda\n");
    assertEquals(2, run("--config", config.toString(), "--once"));
    assertEquals(
        "clusterwatch-agent: "
            + config
            + ": collectors.disk.exlude: unknown key "
            + "(known keys here: enabled, exclude, include, whole_devices_only)\n",
        err());
  }

  @Test
  void anOldKeyStopsStartUpNamingTheNewOne(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("agent.yaml");
    Files.writeString(config, "hub:\n  buffer_bytes: 1048576\n");
    assertEquals(2, run("--config", config.toString(), "--once"));
    assertEquals(
        "clusterwatch-agent: "
            + config
            + ": hub.buffer_bytes: this key was renamed: "
            + "write hub.buffer_size (a byte size, e.g. 32MiB) instead\n",
        err());
  }

  @Test
  void aFlagValueThatItsKeyRefusesIsNamedByTheFlag() {
    assertEquals(2, run("--gpu", "cuda", "--once"));
    assertEquals(
        "clusterwatch-agent: --gpu: expected one of auto, nvml, nvidia-smi, none, got 'cuda'\n",
        err());
  }

  @Test
  void theHubFlagsNameTheirFilesAndAMissingTokenFileStopsStartUp(@TempDir Path root)
      throws Exception {
    Path missing = root.resolve("token");
    assertEquals(
        2,
        run(
            "--hub",
            "wss://hub.example.org:8443/ingest",
            "--hub-token-file",
            missing.toString(),
            "--procfs",
            procfs(root).toString(),
            "--gpu",
            "none",
            "--no-metrics"));
    assertEquals("clusterwatch-agent: hub.token_file: " + missing + ": no such file\n", err());
  }

  @Test
  void aCaFileForAPlainHubIsNamedByItsFlag() {
    assertEquals(2, run("--hub", "ws://hub:8080/ingest", "--hub-ca", "/etc/ca.pem", "--once"));
    assertEquals(
        "clusterwatch-agent: --hub-ca: applies to a wss:// hub only, but url is"
            + " 'ws://hub:8080/ingest'\n",
        err());
  }

  @Test
  void onceAsPrometheusText(@TempDir Path root) throws Exception {
    Path proc = procfs(root);
    assertEquals(
        0,
        run(
            "--once",
            "--procfs",
            proc.toString(),
            "--sysfs",
            root.resolve("sys").toString(),
            "--gpu",
            "none",
            "--hostname",
            "n01"));
    String text = out();
    assertTrue(text.contains("\nnode_memory_MemTotal_bytes 3.831959552E9\n"), text);
    assertTrue(
        text.contains("clusterwatch_agent_collector_success{collector=\"memory\"} 1.0\n"), text);
    assertTrue(
        text.contains("clusterwatch_agent_collector_success{collector=\"disk\"} 0.0\n"), text);
    assertTrue(!text.contains("DCGM_"), "--gpu none leaves the GPU collector out: " + text);
  }

  @Test
  void onceAsJson(@TempDir Path root) throws Exception {
    Path proc = procfs(root);
    assertEquals(
        0, run("--once", "--format", "json", "--procfs", proc.toString(), "--hostname", "n01"));
    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out());
    assertEquals("n01", json.get("host").asText());
    assertEquals(1_700_000_000_000L, json.get("timestamp_ms").asLong());
    assertEquals("memory_MemTotal_bytes", json.get("samples").get(0).get("metric").asText());
    assertEquals(3742148.0 * 1024, json.get("samples").get(0).get("value").asDouble());
    assertEquals("gpu_utilization_ratio", json.get("samples").get(1).get("metric").asText());
  }
}
