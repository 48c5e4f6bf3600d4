package io.clusterwatch.e2e.remotewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.hub.jobs.Allocation;
import io.clusterwatch.hub.jobs.Job;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
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
  RemoteWriteSite site;

  @AfterEach
  void stopAll() throws Exception {
    if (site != null) {
      site.close();
    }
    if (prometheus != null) {
      prometheus.close();
    }
  }

  @Test
  void prometheusHoldsTheHubsValuesAndJoinsJobsToGpus() throws Exception {
    Prometheus.requireInstalled();
    prometheus = Prometheus.start(tmp.resolve("prometheus"));
    site = RemoteWriteSite.start(prometheus.writeUrl(), "prometheus");

    Allocation gpu = Poll.until(WAIT, "a running job holding a GPU", site::runningGpu);
    String selector = JobJoin.utilizationSelector(gpu);
    // a range selector in an instant query returns the raw samples, unaligned and unaveraged
    JsonObject raw =
        Poll.until(
            WAIT,
            "5 samples of " + selector + " in Prometheus",
            () -> {
              JsonArray result = prometheus.query(selector + "[60s]", System.currentTimeMillis());
              return result.size() == 1
                      && result.getJsonObject(0).getJsonArray("values").size() >= 5
                  ? result.getJsonObject(0)
                  : null;
            });

    JsonObject metric = raw.getJsonObject("metric");
    JobJoin.assertHardwareLabels(gpu, metric);
    assertSameAsHub(gpu, raw.getJsonArray("values"));

    Job job = site.services().jobs().get(gpu.jobId()).orElseThrow();
    JobJoin.assertJoinFindsGpus(job, WAIT, (promql, nowMs) -> prometheus.query(promql, nowMs));

    // Prometheus answers 400 for out-of-order or too-old samples; the hub counts them as failed
    assertTrue(site.meter("prometheus_remote_storage_samples_total") > 0, site.scrape());
    assertEquals(
        0.0,
        site.meter("prometheus_remote_storage_samples_failed_total"),
        "samples Prometheus refused; its output:\n" + prometheus.output());
    assertEquals(0.0, site.meter("prometheus_remote_storage_samples_dropped_total"));
  }

  /** Raw samples are {@code [seconds, "value"]}, seconds with millisecond decimals. */
  private void assertSameAsHub(Allocation gpu, JsonArray samples) {
    long[] ts = new long[samples.size()];
    double[] values = new double[samples.size()];
    for (int i = 0; i < ts.length; i++) {
      ts[i] = Math.round(samples.getJsonArray(i).getDouble(0) * 1000);
      values[i] = Double.parseDouble(samples.getJsonArray(i).getString(1));
    }
    site.assertHubHoldsGpuUtilization("Prometheus", gpu, ts, values);
  }
}
