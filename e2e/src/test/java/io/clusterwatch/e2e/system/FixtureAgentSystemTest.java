package io.clusterwatch.e2e.system;

import static io.clusterwatch.e2e.system.DeployedSystem.FIXTURE_HOST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The real agent of the deployed system ({@link DeployedSystem}) reading node_exporter's fixture
 * tree: what the hub stores of its disks, network and memory, and what its own {@code /metrics}
 * serves, in node_exporter's names and values and checked by promtool.
 */
@Timeout(300)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FixtureAgentSystemTest {
  private static final Pattern CAMEL_CASE_MEMINFO =
      Pattern.compile(
          "node_memory_\\w+ metric names should be written in 'snake_case' not 'camelCase'");

  private DeployedSystem system;
  private HubClient hub;
  private HubClient agentMetrics;

  @BeforeAll
  void startSystem() throws Exception {
    system = DeployedSystem.start();
    hub = system.hub();
    agentMetrics = system.agentMetrics();
  }

  @AfterAll
  void stopSystem() throws Exception {
    if (system != null) {
      system.close();
    }
  }

  @Test
  void theFixtureNodeReportsItsDisksNetworkAndMemory() throws Exception {
    JsonObject node = hub.json("/api/v1/nodes/" + FIXTURE_HOST);
    assertEquals(FIXTURE_HOST, node.getString("host"));
    assertTrue(node.getJsonObject("agent").getBoolean("connected"));
    Map<String, JsonObject> series = new HashMap<>();
    JsonArray all = node.getJsonArray("series");
    for (int i = 0; i < all.size(); i++) {
      JsonObject s = all.getJsonObject(i);
      series.put(s.getString("metric") + s.getJsonObject("labels").encode(), s);
    }
    // Whole disks of the fixture's /proc/diskstats; partitions, ram and loop devices are left out.
    assertTrue(
        series.containsKey("disk_read_bytes_total{\"device\":\"sda\"}"), series.keySet()::toString);
    assertTrue(series.containsKey("disk_written_bytes_total{\"device\":\"nvme0n1\"}"));
    assertFalse(series.containsKey("disk_read_bytes_total{\"device\":\"sda1\"}"));
    assertFalse(series.containsKey("disk_read_bytes_total{\"device\":\"loop0\"}"));
    // eth0 of the fixture's /proc/net/dev; lo, docker0 and the veth are virtual and left out.
    assertTrue(series.containsKey("network_receive_bytes_total{\"device\":\"eth0\"}"));
    assertFalse(series.containsKey("network_receive_bytes_total{\"device\":\"lo\"}"));
    // MemTotal: 3742148 kB in the fixture's /proc/meminfo, kB being KiB.
    assertEquals(3742148.0 * 1024, series.get("memory_MemTotal_bytes{}").getDouble("value"), 0.5);
    // The fixture's files never change: every counter rate is 0 once there are two readings.
    JsonObject rate = series.get("disk_read_bytes_total{\"device\":\"sda\"}");
    assertTrue(rate.getValue("value") == null || rate.getDouble("value") == 0.0, rate.encode());
  }

  @Test
  void theAgentServesTheFixtureWithNodeExportersNamesAndValues() throws Exception {
    // The agent serves /metrics from its first tick on.
    String text =
        system.awaitText(agentMetrics, "/metrics", t -> t.contains("node_disk_read_bytes_total"));
    // node_exporter's own expected output for the same diskstats line:
    // node_disk_read_bytes_total{device="sda"} 5.13713216512e+11 (1003346126 sectors x 512).
    assertEquals(
        5.13713216512e11, metricValue(text, "node_disk_read_bytes_total{device=\"sda\"}"), 0.5);
    assertEquals(
        874354587, metricValue(text, "node_network_receive_bytes_total{device=\"eth0\"}"), 0.5);
    assertEquals(3742148.0 * 1024, metricValue(text, "node_memory_MemTotal_bytes"), 0.5);
  }

  @Test
  void theAgentsMetricsPassPromtool() throws Exception {
    Promtool promtool = Promtool.require();
    Promtool.Result r =
        promtool.checkMetrics(
            system.awaitText(
                agentMetrics, "/metrics", t -> t.contains("node_memory_MemTotal_bytes")));
    // The agent keeps node_exporter's names, and node_exporter's meminfo families are spelled as
    // the kernel spells the fields (node_memory_MemTotal_bytes): promtool's snake_case lint flags
    // them, as it flags node_exporter's own expected output (exit status 3). That one lint is
    // expected; a parse error (status 1) or any other problem fails.
    if (r.exitCode() == Promtool.LINT_PROBLEMS) {
      for (String problem : r.problems()) {
        assertTrue(CAMEL_CASE_MEMINFO.matcher(problem).matches(), "promtool: " + problem);
      }
    } else {
      assertEquals(0, r.exitCode(), r.output());
    }
  }

  /** The value of the exposition line for exactly this series ({@code name{labels}}). */
  private static double metricValue(String exposition, String series) {
    for (String line : exposition.split("\n")) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1).trim().split(" ")[0]);
      }
    }
    throw new AssertionError("no line for " + series + " in the agent's /metrics");
  }
}
