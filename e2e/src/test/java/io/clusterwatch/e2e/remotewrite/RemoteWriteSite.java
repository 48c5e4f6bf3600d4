package io.clusterwatch.e2e.remotewrite;

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
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An in-process hub on port 0 that remote-writes to one endpoint, fed by two simulated nodes over a
 * real ingest socket. Closing it stops the nodes first, then the hub.
 */
final class RemoteWriteSite implements AutoCloseable {
  static final int NODES = 2;

  private final String remoteName;
  private final PrometheusMeterRegistry registry;
  private final Vertx hubVertx;
  private final HubServices services;
  private Vertx simulatorVertx;
  private int port;

  private RemoteWriteSite(
      String remoteName, PrometheusMeterRegistry registry, Vertx hubVertx, HubServices services) {
    this.remoteName = remoteName;
    this.registry = registry;
    this.hubVertx = hubVertx;
    this.services = services;
  }

  /** A hub with default settings whose samples carry the external label {@code cluster="e2e"}. */
  static RemoteWriteSite start(String writeUrl, String remoteName) throws Exception {
    return start(HubConfig.defaults(), writeUrl, remoteName, "e2e", SimulatorOptions.DEFAULT_SEED);
  }

  /**
   * A hub with {@code base}'s settings (port and remote write replaced) writing to {@code writeUrl}
   * under {@code remoteName}, every sample labelled {@code cluster}; {@code seed} picks the
   * simulated nodes' jobs and readings.
   */
  static RemoteWriteSite start(
      HubConfig base, String writeUrl, String remoteName, String cluster, long seed)
      throws Exception {
    RemoteWriteSettings endpoint =
        new RemoteWriteSettings(
            writeUrl,
            remoteName,
            Duration.ofSeconds(5),
            Map.of(),
            null,
            null,
            null,
            // small, frequent batches and quick retries so a test sees samples within a second
            new RemoteWriteSettings.QueueConfig(
                200_000,
                2,
                2000,
                Duration.ofMillis(200),
                Duration.ofMillis(50),
                Duration.ofSeconds(1)),
            Map.of("cluster", cluster));
    HubConfig config = base.withPort(0).withRemoteWrite(List.of(endpoint));
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Vertx hubVertx = HubVertx.create(registry);
    RemoteWriteSite site;
    try {
      HubServices services =
          HubServices.create(
              config,
              Clock.systemUTC(),
              new ColumnarSampleStore(HubMain.storeConfig(config)),
              registry);
      site = new RemoteWriteSite(remoteName, registry, hubVertx, services);
    } catch (RuntimeException e) {
      hubVertx.close().await();
      throw e;
    }
    try {
      site.startHubAndNodes(seed);
    } catch (Exception e) {
      site.close();
      throw e;
    }
    return site;
  }

  private void startHubAndNodes(long seed) throws Exception {
    Hub hub = Hub.start(hubVertx, services).await();
    port = hub.port();
    ConnectionSettings fast =
        ConnectionSettings.defaults(URI.create("ws://127.0.0.1:" + port + "/ingest"), "")
            .withBackoff(Duration.ofMillis(200), Duration.ofSeconds(1));
    simulatorVertx = Vertx.vertx(ClusterSimulator.vertxOptions());
    simulatorVertx
        .deployVerticle(
            new ClusterSimulator(
                new SimulatorOptions(NODES, seed, Duration.ofSeconds(1), fast, "e2e"),
                Clock.systemUTC()))
        .await();
  }

  HubServices services() {
    return services;
  }

  /** The hub's HTTP port. */
  int port() {
    return port;
  }

  /** An open allocation of a running job that holds a GPU; null while the hub has none. */
  Allocation runningGpu() {
    return services.jobs().list(JobState.RUNNING).stream()
        .flatMap(j -> j.allocations().stream())
        .filter(a -> a.isOpen() && a.holdsGpu())
        .findFirst()
        .orElse(null);
  }

  /** {@code host/uuid} of each GPU {@code job} holds now, as the job join's labels name them. */
  static Set<String> openGpus(Job job) {
    Set<String> gpus = new TreeSet<>();
    for (Allocation a : job.allocations()) {
      if (a.isOpen() && a.holdsGpu()) {
        gpus.add(a.host() + "/" + a.gpuUuid());
      }
    }
    return gpus;
  }

  /** The hub's own metrics, in Prometheus text format. */
  String scrape() {
    return registry.scrape();
  }

  /** The value of the hub's remote-write meter {@code name} for this site's endpoint, 0 if none. */
  double meter(String name) {
    for (String line : registry.scrape().split("\n")) {
      if (line.startsWith(name + "{") && line.contains("remote_name=\"" + remoteName + "\"")) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return 0;
  }

  /**
   * Each sample a database returned for {@code gpu}'s DCGM_FI_DEV_GPU_UTIL (in %, as dcgm-exporter)
   * equals the hub's raw-tier gpu_utilization_ratio for the same second, to the float32 precision
   * the hub's columns keep; at least 5 samples are compared.
   */
  void assertHubHoldsGpuUtilization(
      String database, Allocation gpu, long[] timestampsMs, double[] percent) {
    assertTrue(timestampsMs.length > 0, database + " returned no samples");
    SeriesData hub =
        services
            .store()
            .query(
                new SeriesQuery(
                    gpu.host(),
                    "gpu_utilization_ratio",
                    Labels.of("gpu_uuid", gpu.gpuUuid()),
                    timestampsMs[0] - 2000,
                    timestampsMs[timestampsMs.length - 1] + 2000,
                    100_000))
            .get(0);
    int compared = 0;
    for (int i = 0; i < timestampsMs.length; i++) {
      long slot = Math.floorDiv(timestampsMs[i], hub.stepMs()) * hub.stepMs();
      double sent = percent[i];
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
          database
              + " has "
              + sent
              + " at "
              + timestampsMs[i]
              + "; the hub's raw tier has "
              + Arrays.toString(hub.avg())
              + " at "
              + Arrays.toString(hub.timestampsMs()));
      compared++;
    }
    assertTrue(compared >= 5, "samples compared: " + compared);
  }

  @Override
  public void close() throws Exception {
    if (simulatorVertx != null) {
      simulatorVertx.close().await();
    }
    hubVertx.close().await();
  }
}
