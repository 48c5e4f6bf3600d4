package io.clusterwatch.e2e.remotewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.hub.jobs.Allocation;
import io.clusterwatch.hub.jobs.Job;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
  RemoteWriteSite site;

  @AfterEach
  void stopAll() throws Exception {
    if (site != null) {
      site.close();
    }
    if (vm != null) {
      vm.close();
    }
  }

  @Test
  void theDatabaseHoldsTheHubsValuesAndJoinsJobsToGpus() throws Exception {
    VictoriaMetrics.requireInstalled();
    vm = VictoriaMetrics.start(tmp.resolve("vm"));
    site = RemoteWriteSite.start(vm.writeUrl(), "vm");

    Allocation gpu = Poll.until(WAIT, "a running job holding a GPU", site::runningGpu);
    String selector = JobJoin.utilizationSelector(gpu);
    JsonObject exported =
        Poll.until(
            WAIT,
            "5 samples of " + selector + " in VictoriaMetrics",
            () -> {
              List<JsonObject> series = vm.export(selector);
              return series.size() == 1 && series.get(0).getJsonArray("values").size() >= 5
                  ? series.get(0)
                  : null;
            });

    JsonObject metric = exported.getJsonObject("metric");
    JobJoin.assertHardwareLabels(gpu, metric);
    assertSameAsHub(gpu, exported);

    Job job = site.services().jobs().get(gpu.jobId()).orElseThrow();
    JobJoin.assertJoinFindsGpus(job, WAIT, (promql, nowMs) -> vm.query(promql, nowMs / 1000));
  }

  @Test
  void aTenSecondOutageOfTheDatabaseLeavesNoGapOnceTheQueueDrains() throws Exception {
    VictoriaMetrics.requireInstalled();
    vm = VictoriaMetrics.start(tmp.resolve("vm"));
    site = RemoteWriteSite.start(vm.writeUrl(), "vm");
    String host =
        Poll.until(
            WAIT,
            "a node",
            () ->
                site.services().store().hosts().isEmpty()
                    ? null
                    : site.services().store().hosts().get(0));
    String selector = "node_cpu_seconds_total{instance=\"" + host + "\",cpu=\"0\",mode=\"user\"}";
    Poll.until(
        WAIT, "samples before the outage", () -> vm.export(selector).isEmpty() ? null : true);

    long outageStartMs = System.currentTimeMillis();
    vm.stop();
    Poll.until(
        WAIT,
        "retries counted while the database is down",
        () -> site.meter("prometheus_remote_storage_samples_retried_total") > 0 ? true : null);
    long restartAtMs = outageStartMs + 10_000;
    // the outage lasts ten seconds of the hub's time; nothing else to wait for
    Thread.sleep(Math.max(0, restartAtMs - System.currentTimeMillis()));
    vm.startAgain();
    long afterRestartMs = System.currentTimeMillis() + 3000;
    Poll.until(
        WAIT,
        "the queue drained past the restart",
        () ->
            site.meter("prometheus_remote_storage_queue_highest_sent_timestamp_seconds") * 1000
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
    assertEquals(0.0, site.meter("prometheus_remote_storage_samples_dropped_total"));
  }

  /** An exported series holds parallel arrays of millisecond timestamps and values. */
  private void assertSameAsHub(Allocation gpu, JsonObject exported) {
    JsonArray ts = exported.getJsonArray("timestamps");
    JsonArray values = exported.getJsonArray("values");
    long[] tsMs = new long[ts.size()];
    double[] percent = new double[ts.size()];
    for (int i = 0; i < tsMs.length; i++) {
      tsMs[i] = ts.getLong(i);
      percent[i] = values.getDouble(i);
    }
    site.assertHubHoldsGpuUtilization("VictoriaMetrics", gpu, tsMs, percent);
  }
}
