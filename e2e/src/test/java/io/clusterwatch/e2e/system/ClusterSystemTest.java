package io.clusterwatch.e2e.system;

import static io.clusterwatch.e2e.system.DeployedSystem.FIXTURE_HOST;
import static io.clusterwatch.e2e.system.DeployedSystem.SIMULATED;
import static io.clusterwatch.e2e.system.DeployedSystem.allHosts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The deployed system ({@link DeployedSystem}) as the hub's API shows it: the cluster's nodes and
 * GPUs, the simulator's running jobs with their GPUs, a job's series, and the hub's own {@code
 * /metrics} checked by promtool.
 */
@Timeout(300)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterSystemTest {
  private DeployedSystem system;
  private HubClient hub;

  @BeforeAll
  void startSystem() throws Exception {
    system = DeployedSystem.start();
    hub = system.hub();
  }

  @AfterAll
  void stopSystem() throws Exception {
    if (system != null) {
      system.close();
    }
  }

  @Test
  void theClusterShowsFourSimulatedNodesOfEightGpusAndTheFixtureNode() throws Exception {
    JsonObject cluster = hub.json("/api/v1/cluster");
    Map<String, JsonObject> nodes = byHost(cluster.getJsonArray("nodes"));
    assertEquals(Set.copyOf(allHosts()), nodes.keySet());
    Set<String> uuids = new HashSet<>();
    for (String host : SIMULATED) {
      JsonObject node = nodes.get(host);
      assertEquals("up", node.getString("status"), host);
      JsonArray gpus = node.getJsonArray("gpus");
      assertEquals(8, gpus.size(), host);
      for (int i = 0; i < gpus.size(); i++) {
        JsonObject gpu = gpus.getJsonObject(i);
        assertEquals("NVIDIA H100 80GB HBM3", gpu.getString("model"));
        assertTrue(gpu.getString("uuid").startsWith("GPU-"), gpu.encode());
        assertTrue(uuids.add(gpu.getString("uuid")), "GPU UUIDs are unique");
        assertTrue(List.of("busy", "idle", "free").contains(gpu.getString("state")), gpu.encode());
        assertEquals(gpu.getValue("job") == null, "free".equals(gpu.getString("state")));
      }
    }
    assertEquals(32, uuids.size());
    assertEquals("up", nodes.get(FIXTURE_HOST).getString("status"));
    assertTrue(nodes.get(FIXTURE_HOST).getJsonArray("gpus").isEmpty(), "--gpu none");
    JsonObject counts = cluster.getJsonObject("counts");
    assertEquals(5, counts.getInteger("nodes_up"));
    assertEquals(
        32,
        counts.getInteger("gpus_busy")
            + counts.getInteger("gpus_idle")
            + counts.getInteger("gpus_free")
            + counts.getInteger("gpus_stale"));
  }

  @Test
  void runningJobsListTheirUsersNamesAndGpusByUuid() throws Exception {
    Map<String, String> uuidHost = new HashMap<>();
    JsonArray nodes = hub.json("/api/v1/cluster").getJsonArray("nodes");
    for (int i = 0; i < nodes.size(); i++) {
      JsonObject n = nodes.getJsonObject(i);
      JsonArray gpus = n.getJsonArray("gpus");
      for (int g = 0; g < gpus.size(); g++) {
        uuidHost.put(gpus.getJsonObject(g).getString("uuid"), n.getString("host"));
      }
    }
    JsonArray jobs = hub.json("/api/v1/jobs?state=running").getJsonArray("jobs");
    assertFalse(jobs.isEmpty(), "the simulated cluster starts 70-85 % allocated");
    for (int i = 0; i < jobs.size(); i++) {
      JsonObject job = jobs.getJsonObject(i);
      assertEquals("running", job.getString("state"));
      assertFalse(job.getString("user").isEmpty(), job.encode());
      assertFalse(job.getString("name").isEmpty(), job.encode());
      assertEquals("simulator", job.getString("source"));
      assertEquals("gpu", job.getJsonObject("attributes").getString("partition"));
      JsonArray gpus = job.getJsonArray("gpus");
      assertFalse(gpus.isEmpty(), job.encode());
      for (int g = 0; g < gpus.size(); g++) {
        JsonObject gpu = gpus.getJsonObject(g);
        assertEquals(
            uuidHost.get(gpu.getString("uuid")),
            gpu.getString("host"),
            "GPU " + gpu.getString("uuid") + " of job " + job.getString("id"));
        assertTrue(job.getJsonArray("nodes").contains(gpu.getString("host")));
      }
    }
  }

  @Test
  void aJobsSeriesHaveAPointPerGpuItHolds() throws Exception {
    JsonObject job = hub.json("/api/v1/jobs?state=running").getJsonArray("jobs").getJsonObject(0);
    String id = job.getString("id");
    int gpus = job.getJsonArray("gpus").size();
    String path = "/api/v1/series?job=" + HubClient.encode(id) + "&metric=gpu_power_watts";
    JsonObject series =
        system.awaitJson(
            hub,
            path,
            s ->
                s.getJsonArray("series").size() == gpus
                    && everySeriesHasAValue(s.getJsonArray("series")));
    assertEquals("gpu_power_watts", series.getString("metric"));
    JsonArray list = series.getJsonArray("series");
    for (int i = 0; i < list.size(); i++) {
      JsonObject s = list.getJsonObject(i);
      assertTrue(job.getJsonArray("nodes").contains(s.getString("host")));
      assertEquals(s.getJsonArray("timestamps").size(), s.getJsonArray("values").size());
      for (Object v : s.getJsonArray("values")) {
        // An H100 draws between its idle floor and its 700 W limit.
        assertTrue(
            v == null || (((Number) v).doubleValue() > 50 && ((Number) v).doubleValue() <= 700),
            "power " + v);
      }
    }
  }

  @Test
  void theHubsMetricsPassPromtool() throws Exception {
    Promtool promtool = Promtool.require();
    String text = hub.text("/metrics");
    assertTrue(text.contains("gpu-node-01"), "the hub exposes the cluster's latest values");
    Promtool.Result r = promtool.checkMetrics(text);
    assertEquals(0, r.exitCode(), r.output());
  }

  private static Map<String, JsonObject> byHost(JsonArray nodes) {
    Map<String, JsonObject> map = new HashMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      map.put(nodes.getJsonObject(i).getString("host"), nodes.getJsonObject(i));
    }
    return map;
  }

  private static boolean everySeriesHasAValue(JsonArray series) {
    for (int i = 0; i < series.size(); i++) {
      boolean any = false;
      for (Object v : series.getJsonObject(i).getJsonArray("values")) {
        any |= v != null;
      }
      if (!any) {
        return false;
      }
    }
    return true;
  }
}
