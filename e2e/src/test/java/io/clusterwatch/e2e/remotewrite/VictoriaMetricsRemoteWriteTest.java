package io.clusterwatch.e2e.remotewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.hub.Hub;
import io.clusterwatch.hub.HubMain;
import io.clusterwatch.hub.HubServices;
import io.clusterwatch.hub.config.HubConfig;
import io.clusterwatch.hub.jobs.Allocation;
import io.clusterwatch.hub.jobs.Job;
import io.clusterwatch.hub.jobs.JobState;
import io.clusterwatch.hub.metrics.HubVertx;
import io.clusterwatch.hub.remotewrite.RemoteWriteSettings;
import io.clusterwatch.hub.store.ColumnarSampleStore;
import io.clusterwatch.hub.store.SeriesData;
import io.clusterwatch.hub.store.SeriesQuery;
import io.clusterwatch.protocol.Labels;
import io.clusterwatch.simulator.ClusterSimulator;
import io.clusterwatch.simulator.SimulatorOptions;
import io.clusterwatch.simulator.connection.ConnectionSettings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hub fed by simulated nodes writes to a real VictoriaMetrics: the values read back with PromQL
 * are the hub's own for the same seconds, the job join finds a job's GPUs, and a database outage
 * leaves no gap once the queue has drained.
 */
@Timeout(240)
class VictoriaMetricsRemoteWriteTest {
  static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path tmp;
  VictoriaMetrics vm;
  Vertx vertx;
  HubServices services;
  PrometheusMeterRegistry registry;
  Vertx simulatorVertx;

  @AfterEach
  void stopAll() throws Exception {
    if (simulatorVertx != null) {
      simulatorVertx.close().await();
    }
    if (vertx != null) {
      vertx.close().await();
    }
    if (vm != null) {
      vm.close();
    }
  }

  void startHubAndNodes(String writeUrl) throws Exception {
    RemoteWriteSettings endpoint =
        new RemoteWriteSettings(
            writeUrl,
            "vm",
            Duration.ofSeconds(5),
            Map.of(),
            null,
            null,
            null,
            new RemoteWriteSettings.QueueConfig(
                200_000,
                2,
                2000,
                Duration.ofMillis(200),
                Duration.ofMillis(50),
                Duration.ofSeconds(1)),
            Map.of("cluster", "e2e"));
    HubConfig config = HubConfig.defaults().withPort(0).withRemoteWrite(List.of(endpoint));
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    vertx = HubVertx.create(registry);
    services =
        HubServices.create(
            config,
            Clock.systemUTC(),
            new ColumnarSampleStore(HubMain.storeConfig(config)),
            registry);
    Hub hub = Hub.start(vertx, services).await();
    String ingest = "ws://127.0.0.1:" + hub.port() + "/ingest";
    ConnectionSettings fast =
        ConnectionSettings.defaults(URI.create(ingest), "")
            .withBackoff(Duration.ofMillis(200), Duration.ofSeconds(1));
    simulatorVertx = Vertx.vertx(ClusterSimulator.vertxOptions());
    simulatorVertx
        .deployVerticle(
            new ClusterSimulator(
                new SimulatorOptions(
                    2, SimulatorOptions.DEFAULT_SEED, Duration.ofSeconds(1), fast, "e2e"),
                Clock.systemUTC()))
        .await();
  }

  @Test
  void theDatabaseHoldsTheHubsValuesAndJoinsJobsToGpus() throws Exception {
    VictoriaMetrics.requireInstalled();
    vm = VictoriaMetrics.start(tmp.resolve("vm"));
    startHubAndNodes(vm.writeUrl());

    Allocation gpu =
        await(
            "a running job holding a GPU",
            () ->
                services.jobs().list(JobState.RUNNING).stream()
                    .flatMap(j -> j.allocations().stream())
                    .filter(a -> a.isOpen() && a.holdsGpu())
                    .findFirst()
                    .orElse(null));
    String selector =
        "DCGM_FI_DEV_GPU_UTIL{Hostname=\"" + gpu.host() + "\",UUID=\"" + gpu.gpuUuid() + "\"}";
    JsonObject exported =
        await(
            "5 samples of " + selector + " in VictoriaMetrics",
            () -> {
              List<JsonObject> series = vm.export(selector);
              return series.size() == 1 && series.get(0).getJsonArray("values").size() >= 5
                  ? series.get(0)
                  : null;
            });

    JsonObject metric = exported.getJsonObject("metric");
    assertEquals("e2e", metric.getString("cluster"), "external label");
    assertEquals(gpu.host(), metric.getString("instance"));
    assertTrue(
        metric.containsKey("gpu")
            && metric.containsKey("device")
            && metric.containsKey("modelName"),
        metric.encode());
    assertFalse(metric.containsKey("job_id"), "jobs are never labels on hardware series");
    assertSameAsHub(gpu, exported);

    Job job = services.jobs().get(gpu.jobId()).orElseThrow();
    Set<String> expected = new TreeSet<>();
    for (Allocation a : job.allocations()) {
      if (a.isOpen() && a.holdsGpu()) {
        expected.add(a.host() + "/" + a.gpuUuid());
      }
    }
    String join =
        "DCGM_FI_DEV_GPU_UTIL * on(Hostname, UUID) group_left(job_id) clusterwatch_job_gpu_info{job_id=\""
            + job.id()
            + "\"}";
    Set<String> joined =
        await(
            "the job join to return the job's " + expected.size() + " GPUs",
            () -> {
              JsonArray result = vm.query(join, System.currentTimeMillis() / 1000);
              Set<String> got = new TreeSet<>();
              for (int i = 0; i < result.size(); i++) {
                JsonObject m = result.getJsonObject(i).getJsonObject("metric");
                assertEquals(job.id(), m.getString("job_id"));
                got.add(m.getString("Hostname") + "/" + m.getString("UUID"));
              }
              return got.equals(expected) ? got : null;
            });
    assertEquals(expected, joined);
  }

  @Test
  void aTenSecondOutageOfTheDatabaseLeavesNoGapOnceTheQueueDrains() throws Exception {
    VictoriaMetrics.requireInstalled();
    vm = VictoriaMetrics.start(tmp.resolve("vm"));
    startHubAndNodes(vm.writeUrl());
    String host =
        await(
            "a node",
            () -> services.store().hosts().isEmpty() ? null : services.store().hosts().get(0));
    String selector = "node_cpu_seconds_total{instance=\"" + host + "\",cpu=\"0\",mode=\"user\"}";
    await("samples before the outage", () -> vm.export(selector).isEmpty() ? null : true);

    long outageStartMs = System.currentTimeMillis();
    vm.stop();
    await(
        "retries counted while the database is down",
        () -> meter("prometheus_remote_storage_samples_retried_total") > 0 ? true : null);
    long restartAtMs = outageStartMs + 10_000;
    // the outage lasts ten seconds of the hub's time; nothing else to wait for
    Thread.sleep(Math.max(0, restartAtMs - System.currentTimeMillis()));
    vm.startAgain();
    long afterRestartMs = System.currentTimeMillis() + 3000;
    await(
        "the queue drained past the restart",
        () ->
            meter("prometheus_remote_storage_queue_highest_sent_timestamp_seconds") * 1000
                    > afterRestartMs
                ? true
                : null);

    JsonArray timestamps = vm.export(selector).get(0).getJsonArray("timestamps");
    long previous = -1;
    int inOutage = 0;
    for (int i = 0; i < timestamps.size(); i++) {
      long ts = timestamps.getLong(i);
      if (ts >= outageStartMs - 3000 && ts <= afterRestartMs) {
        if (previous >= 0) {
          assertTrue(
              ts - previous <= 1500, "gap from " + previous + " to " + ts + " in " + timestamps);
        }
        previous = ts;
        if (ts > outageStartMs && ts < restartAtMs) {
          inOutage++;
        }
      }
    }
    assertTrue(inOutage >= 8, "samples from the outage arrived later: " + inOutage);
    assertEquals(0.0, meter("prometheus_remote_storage_samples_dropped_total"));
  }

  /**
   * Each exported sample equals the hub's raw-tier value for the same second (in %, as
   * dcgm-exporter), to the float32 precision the hub's columns keep.
   */
  private void assertSameAsHub(Allocation gpu, JsonObject exported) {
    JsonArray ts = exported.getJsonArray("timestamps");
    JsonArray values = exported.getJsonArray("values");
    long from = ts.getLong(0) - 2000;
    long to = ts.getLong(ts.size() - 1) + 2000;
    SeriesData hub =
        services
            .store()
            .query(
                new SeriesQuery(
                    gpu.host(),
                    "gpu_utilization_ratio",
                    Labels.of("gpu_uuid", gpu.gpuUuid()),
                    from,
                    to,
                    100_000))
            .get(0);
    int compared = 0;
    for (int i = 0; i < ts.size(); i++) {
      long slot = Math.floorDiv(ts.getLong(i), hub.stepMs()) * hub.stepMs();
      double sent = values.getDouble(i);
      boolean found = false;
      for (int k = 0; k < hub.timestampsMs().length; k++) {
        // a tick just before a slot boundary may sit in the next slot (the store's jitter rule)
        if ((hub.timestampsMs()[k] == slot || hub.timestampsMs()[k] == slot + hub.stepMs())
            && Math.abs(hub.avg()[k] * 100 - sent) <= 1e-5 * Math.max(1, Math.abs(sent))) {
          found = true;
        }
      }
      assertTrue(
          found,
          "VictoriaMetrics has "
              + sent
              + " at "
              + ts.getLong(i)
              + "; the hub's raw tier has "
              + java.util.Arrays.toString(hub.avg())
              + " at "
              + java.util.Arrays.toString(hub.timestampsMs()));
      compared++;
    }
    assertTrue(compared >= 5);
  }

  private double meter(String name) {
    for (String line : registry.scrape().split("\n")) {
      if (line.startsWith(name + "{") && line.contains("remote_name=\"vm\"")) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return 0;
  }

  /**
   * Polls {@code probe} until it returns non-null: the database and the hub give no change events.
   */
  private static <T> T await(String what, Callable<T> probe) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try {
        T v = probe.call();
        if (v != null) {
          return v;
        }
      } catch (java.io.IOException | IllegalStateException e) {
        last = e;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("timed out waiting for " + what + (last != null ? ": " + last : ""));
  }
}
