package io.clusterwatch.e2e.remotewrite;

import static io.clusterwatch.e2e.remotewrite.HubAndDatabaseValues.assertSameValues;
import static io.clusterwatch.e2e.remotewrite.HubAndDatabaseValues.countFinite;
import static io.clusterwatch.e2e.remotewrite.HubAndDatabaseValues.sampleIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.hub.jobs.Allocation;
import io.clusterwatch.hub.jobs.Job;
import io.clusterwatch.hub.store.SeriesData;
import io.clusterwatch.hub.store.SeriesQuery;
import io.clusterwatch.protocol.Labels;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two-cluster site of {@link TwoHubSite}, both hubs writing to one real VictoriaMetrics and
 * reading history back from it: a range older than hub a keeps comes from the database; a job page
 * on hub a for a job of hub b answers from the database; and every PromQL expression of the Grafana
 * dashboards in config/grafana returns data from that database.
 */
@Timeout(300)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoHubSiteTest {
  static final Duration WAIT = Duration.ofSeconds(120);
  static final Path DASHBOARDS = Path.of("..", "config", "grafana", "dashboards");

  TwoHubSite site;
  VictoriaMetrics vm;
  RemoteWriteSite a;
  RemoteWriteSite b;

  @BeforeAll
  void startSite(@TempDir Path tmp) throws Exception {
    site = TwoHubSite.start(tmp);
    vm = site.vm();
    a = site.a();
    b = site.b();
  }

  @AfterAll
  void stopSite() throws Exception {
    if (site != null) {
      site.close();
    }
  }

  @Test
  void aJobPageOnHubAForAJobOfHubBAnswersFromTheDatabase() throws Exception {
    Job job = site.jobOfBUnknownToA(WAIT);
    Poll.until(
        WAIT,
        "job " + job.id() + " in the database",
        () ->
            vm.query(
                            "count_over_time(clusterwatch_job_gpu_info{cluster=\"b\",job_id=\""
                                + job.id()
                                + "\"}[1m])",
                            System.currentTimeMillis() / 1000)
                        .size()
                    > 0
                ? true
                : null);

    JsonObject page = site.get(a, "/api/v1/jobs/" + job.id());
    assertEquals(job.id(), page.getString("id"));
    assertEquals("history", page.getString("source"));
    assertEquals("b", page.getJsonObject("attributes").getString("cluster"));
    assertEquals(new JsonObject().put("cluster", "b"), page.getJsonObject("cluster_labels"));
    assertEquals(job.user(), page.getString("user"));
    Set<String> expected = new TreeSet<>();
    for (Allocation al : job.allocations()) {
      if (al.holdsGpu()) {
        expected.add(al.host() + "/" + al.gpuUuid());
      }
    }
    Set<String> found = new TreeSet<>();
    for (Object o : page.getJsonArray("gpus")) {
      JsonObject g = (JsonObject) o;
      found.add(g.getString("host") + "/" + g.getString("uuid"));
    }
    assertEquals(expected, found, "the job's GPUs as hub b knows them");

    long to = System.currentTimeMillis() - 2000;
    long from = to - 15_000;
    JsonObject series =
        site.get(
            a,
            "/api/v1/series?job="
                + job.id()
                + "&metric=gpu_utilization_ratio&from="
                + from
                + "&to="
                + to);
    JsonArray list = series.getJsonArray("series");
    assertFalse(list.isEmpty(), series.encode());
    for (Object o : list) {
      JsonObject s = (JsonObject) o;
      assertEquals("history", s.getString("source"));
      assertEquals("ratio", s.getString("unit"));
      String uuid = s.getJsonObject("labels").getString("gpu_uuid");
      assertTrue(expected.contains(s.getString("host") + "/" + uuid), s.encode());
      // hub b's own values for the same GPU and seconds: the series of cluster b, not a's
      // same-named GPU
      SeriesData own =
          b.services()
              .store()
              .query(
                  new SeriesQuery(
                      s.getString("host"),
                      "gpu_utilization_ratio",
                      Labels.of("gpu_uuid", uuid),
                      from - 2000,
                      to + 2000,
                      100_000))
              .get(0);
      assertSameValues(own, s);
    }
  }

  @Test
  void aRangeOlderThanHubAHoldsIsReadBackFromTheDatabase() throws Exception {
    String host = "gpu-node-01";
    String uuid =
        Poll.until(
            WAIT,
            "a GPU on hub a",
            () ->
                a.services().store().series(host).stream()
                    .filter(i -> i.key().metric().equals("gpu_utilization_ratio"))
                    .map(i -> i.key().labels().get("gpu_uuid"))
                    .findFirst()
                    .orElse(null));
    long t0 = System.currentTimeMillis();
    long from = t0 - 2000;
    long to = t0 + 10_000;
    SeriesQuery ownQuery =
        new SeriesQuery(host, "gpu_utilization_ratio", Labels.of("gpu_uuid", uuid), from, to, 600);
    Poll.until(
        WAIT,
        "hub a holding the range",
        () ->
            a.services().store().query(ownQuery).stream().anyMatch(d -> countFinite(d.avg()) >= 5)
                ? true
                : null);
    // the hub's tiers age out as new ticks arrive, and the hub asks the database for ranges that
    // start before its longest tier's retention (60 s here); the database keeps everything
    Poll.until(
        WAIT,
        "hub a to forget the range",
        () ->
            a.services().store().query(ownQuery).stream().allMatch(d -> countFinite(d.avg()) == 0)
                ? true
                : null);
    Poll.until(
        WAIT,
        "the range to start before hub a's retention",
        () -> System.currentTimeMillis() - from > 61_000 ? true : null);

    JsonObject body =
        site.get(
            a,
            "/api/v1/series?host="
                + host
                + "&metric=gpu_utilization_ratio&label.gpu_uuid="
                + uuid
                + "&from="
                + from
                + "&to="
                + to);
    assertFalse(body.containsKey("warning"), body.encode());
    JsonArray list = body.getJsonArray("series");
    assertEquals(1, list.size(), body.encode());
    JsonObject s = list.getJsonObject(0);
    assertEquals("history", s.getString("source"));
    assertEquals(uuid, s.getJsonObject("labels").getString("gpu_uuid"));
    assertEquals(
        Set.of("gpu", "gpu_uuid", "pci_bus_id"),
        s.getJsonObject("labels").fieldNames(),
        "internal labels, not dcgm-exporter's");
    // what VictoriaMetrics holds, in dcgm-exporter's percent: the hub answers the same in ratio
    JsonObject exported =
        vm.export(
                "DCGM_FI_DEV_GPU_UTIL{cluster=\"a\",instance=\""
                    + host
                    + "\",UUID=\""
                    + uuid
                    + "\"}")
            .get(0);
    JsonArray ts = s.getJsonArray("timestamps");
    JsonArray values = s.getJsonArray("values");
    int compared = 0;
    for (int i = 0; i < ts.size(); i++) {
      if (values.getValue(i) == null) {
        continue;
      }
      long start = ts.getLong(i);
      double fromDb = sampleIn(exported, start, start + s.getLong("step_ms"));
      assertEquals(fromDb / 100, values.getDouble(i), 1e-6, "at " + start);
      compared++;
    }
    assertTrue(compared >= 8, "points compared: " + compared + " in " + s.encode());

    // a range reaching into what the hub holds: the database up to the hub's first point, the hub
    // after
    long now = System.currentTimeMillis();
    JsonObject both =
        site.get(
            a,
            "/api/v1/series?host="
                + host
                + "&metric=gpu_utilization_ratio&label.gpu_uuid="
                + uuid
                + "&from="
                + from
                + "&to="
                + now);
    assertEquals(
        "hub+history",
        both.getJsonArray("series").getJsonObject(0).getString("source"),
        both.encode());
  }

  @Test
  void everyGrafanaPanelQueryReturnsDataFromTheDatabase() throws Exception {
    Job job = site.jobOfBUnknownToA(WAIT);
    Map<String, String> variables =
        Map.of("$cluster", "b", "$job_id", job.id(), "$__rate_interval", "1m");
    List<String> exprs = new ArrayList<>();
    try (var files = Files.list(DASHBOARDS)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        collectExprs(new JsonObject(Files.readString(f)), exprs);
      }
    }
    assertTrue(exprs.size() >= 15, "expressions found: " + exprs);
    for (String expr : exprs) {
      String q = expr;
      for (Map.Entry<String, String> v : variables.entrySet()) {
        q = q.replace(v.getKey(), v.getValue());
      }
      assertFalse(q.contains("$"), "unsubstituted variable in " + q);
      String query = q;
      Poll.until(
          WAIT,
          "data for " + query,
          () -> {
            long now = System.currentTimeMillis() / 1000;
            return vm.queryRange(query, now - 60, now, 5).isEmpty() ? null : true;
          });
    }
  }

  /** Every {@code expr} of the panels' targets. */
  private static void collectExprs(JsonObject dashboard, List<String> out) {
    for (Object p : dashboard.getJsonArray("panels")) {
      for (Object t : ((JsonObject) p).getJsonArray("targets")) {
        out.add(((JsonObject) t).getString("expr"));
      }
    }
  }
}
