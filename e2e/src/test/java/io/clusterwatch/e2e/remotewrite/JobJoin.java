package io.clusterwatch.e2e.remotewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.hub.jobs.Allocation;
import io.clusterwatch.hub.jobs.Job;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a PromQL database that received the hub's remote write must answer, whichever database it
 * is: hardware series carry the hub's labels and never a job, and the documented join of {@code
 * clusterwatch_job_gpu_info} finds exactly a job's GPUs.
 */
final class JobJoin {
  /** An instant query at the current time; each database has its own API for it. */
  @FunctionalInterface
  interface InstantQuery {
    JsonArray at(String promql, long nowMs) throws Exception;
  }

  private JobJoin() {}

  /** The selector of {@code gpu}'s utilization series, in dcgm-exporter's names. */
  static String utilizationSelector(Allocation gpu) {
    return "DCGM_FI_DEV_GPU_UTIL{Hostname=\"" + gpu.host() + "\",UUID=\"" + gpu.gpuUuid() + "\"}";
  }

  /** The labels of a hardware series as the hub writes it (external label {@code cluster=e2e}). */
  static void assertHardwareLabels(Allocation gpu, JsonObject metric) {
    assertEquals("e2e", metric.getString("cluster"), "external label");
    assertEquals(gpu.host(), metric.getString("instance"));
    assertTrue(
        metric.containsKey("gpu")
            && metric.containsKey("device")
            && metric.containsKey("modelName"),
        metric.encode());
    assertFalse(metric.containsKey("job_id"), "jobs are never labels on hardware series");
  }

  /** Waits until the join returns exactly the job's open GPUs, each labelled with its id. */
  static void assertJoinFindsGpus(Job job, Duration wait, InstantQuery query) throws Exception {
    Set<String> expected = RemoteWriteSite.openGpus(job);
    String join =
        "DCGM_FI_DEV_GPU_UTIL * on(Hostname, UUID) group_left(job_id) clusterwatch_job_gpu_info{job_id=\""
            + job.id()
            + "\"}";
    Set<String> joined =
        Poll.until(
            wait,
            "the job join to return the job's " + expected.size() + " GPUs",
            () -> {
              JsonArray result = query.at(join, System.currentTimeMillis());
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
}
