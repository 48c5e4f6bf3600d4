package io.clusterwatch.hub.api;

import io.clusterwatch.hub.archive.JobReport;
import io.clusterwatch.hub.archive.JobReport.FiredAlert;
import io.clusterwatch.hub.archive.JobReport.GpuFigures;
import io.clusterwatch.hub.cluster.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The {@code report} of {@code GET /api/v1/jobs/{id}/report} (shape in docs/API.md). */
final class JobReportJson {
  private JobReportJson() {}

  static JsonObject of(JobReport r) {
    JsonArray gpus = new JsonArray();
    for (GpuFigures g : r.gpus()) {
      gpus.add(
          new JsonObject()
              .put("host", g.host())
              .put("uuid", g.uuid())
              .put("start_ms", g.startMs())
              .put("end_ms", g.endMs())
              .put("gpu_hours", Json.number(g.hours()))
              .put("mean_utilization", Json.number(g.meanUtilization()))
              .put("idle_ratio", Json.number(g.idleRatio()))
              .put("peak_memory_bytes", Json.number(g.peakMemoryBytes()))
              .put("energy_kwh", Json.number(g.energyKwh())));
    }
    JsonArray alerts = new JsonArray();
    for (FiredAlert a : r.alerts()) {
      alerts.add(
          new JsonObject()
              .put("time_ms", a.timeMs())
              .put("rule", a.rule())
              .put("group", a.group())
              .put("severity", a.severity())
              .put("summary", a.summary())
              .put("host", a.host())
              .put("gpu_uuid", a.gpuUuid().isEmpty() ? null : a.gpuUuid()));
    }
    return new JsonObject()
        .put("final", r.finalReport())
        .put("computed_at_ms", r.computedAtMs())
        .put("idle_threshold_ratio", r.idleThresholdRatio())
        .put("gpus_allocated", r.gpus().size())
        .put("gpu_hours", Json.number(r.gpuHours()))
        .put("mean_gpu_utilization", Json.number(r.meanGpuUtilization()))
        .put("median_gpu_utilization", Json.number(r.medianGpuUtilization()))
        .put("idle_gpu_hours", Json.number(r.idleGpuHours()))
        .put("peak_gpu_memory_bytes", Json.number(r.peakGpuMemoryBytes()))
        .put("gpu_energy_kwh", Json.number(r.gpuEnergyKwh()))
        .put("host_cpu_utilization", Json.number(r.hostCpuUtilization()))
        .put("host_memory_peak_bytes", Json.number(r.hostMemoryPeakBytes()))
        .put("host_memory_total_bytes", Json.number(r.hostMemoryTotalBytes()))
        .put("disk_read_bytes", Json.number(r.diskReadBytes()))
        .put("disk_written_bytes", Json.number(r.diskWrittenBytes()))
        .put("ib_received_bytes", Json.number(r.ibReceivedBytes()))
        .put("ib_transmitted_bytes", Json.number(r.ibTransmittedBytes()))
        .put("gpus", gpus)
        .put("alerts", alerts);
  }
}
