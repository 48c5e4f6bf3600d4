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
import java.util.Arrays;
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
 * A hub fed by simulated nodes writes to a real Prometheus server acting as a remote-write
 * receiver: Prometheus accepts every sample (it refuses out-of-order ones and ones older than its
 * head block), the raw samples read back with PromQL are the hub's own for the same seconds, and
 * the job join finds a job's GPUs.
 */
@Timeout(240)
class PrometheusRemoteWriteTest {
  static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path tmp;
  Prometheus prometheus;
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
    if (prometheus != null) {
      prometheus.close();
    }
  }

  void startHubAndNodes(String writeUrl) throws Exception {
    RemoteWriteSettings endpoint =
        new RemoteWriteSettings(
            writeUrl,
            "prometheus",
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
    ConnectionSettings fast =
        ConnectionSettings.defaults(URI.create("ws://127.0.0.1:" + hub.port() + "/ingest"), "")
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
  void prometheusHoldsTheHubsValuesAndJoinsJobsToGpus() throws Exception {
    Prometheus.requireInstalled();
    prometheus = Prometheus.start(tmp.resolve("prometheus"));
    startHubAndNodes(prometheus.writeUrl());

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
    // a range selector in an instant query returns the raw samples, unaligned and unaveraged
    JsonObject raw =
        await(
            "5 samples of " + selector + " in Prometheus",
            () -> {
              JsonArray result = prometheus.query(selector + "[60s]", System.currentTimeMillis());
              return result.size() == 1
                      && result.getJsonObject(0).getJsonArray("values").size() >= 5
                  ? result.getJsonObject(0)
                  : null;
            });

    JsonObject metric = raw.getJsonObject("metric");
    assertEquals("e2e", metric.getString("cluster"), "external label");
    assertEquals(gpu.host(), metric.getString("instance"));
    assertTrue(
        metric.containsKey("gpu")
            && metric.containsKey("device")
            && metric.containsKey("modelName"),
        metric.encode());
    assertFalse(metric.containsKey("job_id"), "jobs are never labels on hardware series");
    assertSameAsHub(gpu, raw.getJsonArray("values"));

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
              JsonArray result = prometheus.query(join, System.currentTimeMillis());
              Set<String> got = new TreeSet<>();
              for (int i = 0; i < result.size(); i++) {
                JsonObject m = result.getJsonObject(i).getJsonObject("metric");
                assertEquals(job.id(), m.getString("job_id"));
                got.add(m.getString("Hostname") + "/" + m.getString("UUID"));
              }
              return got.equals(expected) ? got : null;
            });
    assertEquals(expected, joined);

    // Prometheus answers 400 for out-of-order or too-old samples; the hub counts them as failed
    assertTrue(meter("prometheus_remote_storage_samples_total") > 0, registry.scrape());
    assertEquals(
        0.0,
        meter("prometheus_remote_storage_samples_failed_total"),
        "samples Prometheus refused; its output:\n" + prometheus.output());
    assertEquals(0.0, meter("prometheus_remote_storage_samples_dropped_total"));
  }

  /**
   * Each raw sample ({@code [seconds, "value"]}) equals the hub's raw-tier value for the same
   * second (in %, as dcgm-exporter), to the float32 precision the hub's columns keep.
   */
  private void assertSameAsHub(Allocation gpu, JsonArray samples) {
    long[] ts = new long[samples.size()];
    for (int i = 0; i < ts.length; i++) {
      // Prometheus gives seconds with millisecond decimals
      ts[i] = Math.round(samples.getJsonArray(i).getDouble(0) * 1000);
    }
    SeriesData hub =
        services
            .store()
            .query(
                new SeriesQuery(
                    gpu.host(),
                    "gpu_utilization_ratio",
                    Labels.of("gpu_uuid", gpu.gpuUuid()),
                    ts[0] - 2000,
                    ts[ts.length - 1] + 2000,
                    100_000))
            .get(0);
    int compared = 0;
    for (int i = 0; i < ts.length; i++) {
      long slot = Math.floorDiv(ts[i], hub.stepMs()) * hub.stepMs();
      double sent = Double.parseDouble(samples.getJsonArray(i).getString(1));
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
          "Prometheus has "
              + sent
              + " at "
              + ts[i]
              + "; the hub's raw tier has "
              + Arrays.toString(hub.avg())
              + " at "
              + Arrays.toString(hub.timestampsMs()));
      compared++;
    }
    assertTrue(compared >= 5, "samples compared: " + compared);
  }

  private double meter(String name) {
    for (String line : registry.scrape().split("\n")) {
      if (line.startsWith(name + "{") && line.contains("remote_name=\"prometheus\"")) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return 0;
  }

  /**
   * Polls {@code probe} until it returns non-null: Prometheus and the hub give no change events.
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
