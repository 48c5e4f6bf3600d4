package io.clusterwatch.e2e.remotewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterwatch.hub.config.HubConfig;
import io.clusterwatch.hub.history.HistorySettings;
import io.clusterwatch.hub.jobs.Allocation;
import io.clusterwatch.hub.jobs.Job;
import io.clusterwatch.hub.jobs.JobState;
import io.clusterwatch.hub.store.RetentionSettings;
import io.clusterwatch.hub.store.StoreSettings;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A site with two clusters: hubs {@code a} and {@code b}, each fed by its own simulated nodes (the
 * same host names and GPU UUIDs in both, so only the {@code cluster} external label tells them
 * apart), both writing to one real VictoriaMetrics and reading history back from it. Hub a keeps
 * only a minute (5 s raw, 10 s of 10 s rollups, 60 s of 60 s rollups), so older ranges must come
 * from the database.
 */
final class TwoHubSite implements AutoCloseable {
  private final HttpClient http = HttpClient.newHttpClient();
  private VictoriaMetrics vm;
  private RemoteWriteSite a;
  private RemoteWriteSite b;
  private long startMs;

  private TwoHubSite() {}

  /** Starts VictoriaMetrics under {@code dir}, then hubs a and b writing to it. */
  static TwoHubSite start(Path dir) throws Exception {
    VictoriaMetrics.requireInstalled();
    TwoHubSite site = new TwoHubSite();
    try {
      site.vm = VictoriaMetrics.start(dir.resolve("vm"));
      StoreSettings d = StoreSettings.defaults();
      site.a =
          site.startHub(
              "a",
              new StoreSettings(
                  d.rawStep(),
                  new RetentionSettings(
                      Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(60)),
                  d.path(),
                  d.walSync(),
                  d.memoryBudget()),
              1);
      site.b = site.startHub("b", HubConfig.defaults().store(), 2);
      site.startMs = System.currentTimeMillis();
      return site;
    } catch (Exception | AssertionError e) {
      site.close();
      throw e;
    }
  }

  private RemoteWriteSite startHub(String cluster, StoreSettings store, long seed)
      throws Exception {
    HubConfig base =
        HubConfig.defaults().withStore(store).withHistory(HistorySettings.of(vm.promqlUrl()));
    return RemoteWriteSite.start(base, vm.writeUrl(), "vm", cluster, seed);
  }

  VictoriaMetrics vm() {
    return vm;
  }

  /** The hub of cluster {@code a}, which keeps a minute. */
  RemoteWriteSite a() {
    return a;
  }

  /** The hub of cluster {@code b}, with the default retention. */
  RemoteWriteSite b() {
    return b;
  }

  /**
   * A job of hub b that has held a GPU for 20 s of the hub's life, is still running and whose id
   * hub a does not have.
   */
  Job jobOfBUnknownToA(Duration wait) throws Exception {
    return Poll.until(
        wait,
        "a job of hub b running for 20 s",
        () ->
            b.services().jobs().list(JobState.RUNNING).stream()
                .filter(j -> j.allocations().stream().anyMatch(Allocation::holdsGpu))
                .filter(j -> a.services().jobs().get(j.id()).isEmpty())
                .filter(j -> System.currentTimeMillis() - Math.max(j.startMs(), startMs) > 20_000)
                .findFirst()
                .orElse(null));
  }

  /** The JSON answer of {@code hub} to {@code path}, which must be 200. */
  JsonObject get(RemoteWriteSite hub, String path) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.port() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), path + ": " + r.body());
    return new JsonObject(r.body());
  }

  @Override
  public void close() throws Exception {
    if (b != null) {
      b.close();
    }
    if (a != null) {
      a.close();
    }
    if (vm != null) {
      vm.close();
    }
  }
}
