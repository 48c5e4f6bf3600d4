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
    return new AgentMain(TestCollectors.factories(), clock,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
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
    assertTrue(out().contains("--procfs DIR"), out());
  }

  @Test
  void aBadFlagValueIsOneLineAndExitCodeTwo() {
    assertEquals(2, run("--interval", "fast"));
    assertEquals(
        "clusterwatch-agent: --interval: expected a duration like 500ms, 1s, 2m or 1h, got 'fast'\n",
        err());
  }

  @Test
  void anUnknownConfigKeyStopsStartUpNamingIt(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("agent.yaml");
    Files.writeString(config, "collectors:\n  disk:\n    exlude: sda\n");
    assertEquals(2, run("--config", config.toString(), "--once"));
    assertTrue(err().contains("unknown key collectors.disk.exlude"), err());
    assertEquals(1, err().lines().count());
  }

  @Test
  void onceAsPrometheusText(@TempDir Path root) throws Exception {
    Path proc = procfs(root);
    assertEquals(0, run("--once", "--procfs", proc.toString(), "--sysfs", root.resolve("sys").toString(),
        "--gpu", "none", "--hostname", "n01"));
    String text = out();
    assertTrue(text.contains("\nnode_memory_MemTotal_bytes 3.831959552E9\n"), text);
    assertTrue(text.contains("clusterwatch_agent_collector_success{collector=\"memory\"} 1.0\n"), text);
    assertTrue(text.contains("clusterwatch_agent_collector_success{collector=\"disk\"} 0.0\n"), text);
    assertTrue(!text.contains("DCGM_"), "--gpu none leaves the GPU collector out: " + text);
  }

  @Test
  void onceAsJson(@TempDir Path root) throws Exception {
    Path proc = procfs(root);
    assertEquals(0, run("--once", "--format", "json", "--procfs", proc.toString(), "--hostname", "n01"));
    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out());
    assertEquals("n01", json.get("host").asText());
    assertEquals(1_700_000_000_000L, json.get("timestamp_ms").asLong());
    assertEquals("memory_MemTotal_bytes", json.get("samples").get(0).get("metric").asText());
    assertEquals(3742148.0 * 1024, json.get("samples").get(0).get("value").asDouble());
    assertEquals("gpu_utilization_ratio", json.get("samples").get(1).get("metric").asText());
  }
}
