package io.clusterwatch.hub.api;

import io.clusterwatch.hub.cluster.Json;
import io.clusterwatch.hub.cluster.NodeLayout;
import io.clusterwatch.hub.cluster.NodeLayouts;
import io.clusterwatch.hub.jobs.Allocation;
import io.clusterwatch.hub.jobs.Job;
import io.clusterwatch.hub.jobs.JobSummary;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** A job as JSON (shape in docs/API.md). */
final class JobJson {
  private JobJson() {}

  static JsonObject of(Job job, JobSummary summary, NodeLayouts layouts) {
    JsonArray gpus = new JsonArray();
    for (Allocation a : job.allocations()) {
      if (!a.holdsGpu()) {
        continue;
      }
      gpus.add(
          new JsonObject()
              .put("host", a.host())
              .put("uuid", a.gpuUuid())
              .put("index", index(layouts.of(a.host()), a.gpuUuid()))
              .put("start_ms", a.startMs())
              .put("end_ms", a.isOpen() ? null : a.endMs()));
    }
    return new JsonObject()
        .put("id", job.id())
        .put("user", job.user())
        .put("name", job.name())
        .put("state", job.state().wireName())
        .put("start_ms", job.startMs())
        .put("end_ms", job.endMs() == 0 ? null : job.endMs())
        .put("source", job.source())
        .put("attributes", Json.strings(job.attributes()))
        .put("nodes", new JsonArray(job.hosts()))
        .put("gpus", gpus)
        .put(
            "summary",
            new JsonObject()
                .put("mean_gpu_utilization", Json.number(summary.meanGpuUtilization()))
                .put("idle_gpu_minutes", Json.number(summary.idleGpuMinutes()))
                .put("peak_memory_bytes", Json.number(summary.peakMemoryBytes()))
                .put("gpu_hours", Json.number(summary.gpuHours()))
                .put("energy_kwh", Json.number(summary.energyKwh())));
  }

  private static Object index(NodeLayout layout, String uuid) {
    for (NodeLayout.GpuLayout g : layout.gpus()) {
      if (g.uuid().equals(uuid)) {
        return Json.intOrString(g.index());
      }
    }
    return null;
  }
}
