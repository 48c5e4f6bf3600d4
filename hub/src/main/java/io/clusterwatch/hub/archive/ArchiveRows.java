package io.clusterwatch.hub.archive;

import io.clusterwatch.hub.archive.JobReport.FiredAlert;
import io.clusterwatch.hub.archive.JobReport.GpuFigures;
import io.clusterwatch.hub.jobs.Allocation;
import io.clusterwatch.hub.jobs.Job;
import io.clusterwatch.hub.jobs.JobState;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads the archive's rows back into jobs, reports, allocations and alerts. */
final class ArchiveRows {
  private ArchiveRows() {}

  static Map<String, List<Row.Gpu>> allocations(Connection db, List<String> ids)
      throws SQLException {
    Map<String, List<Row.Gpu>> out = new HashMap<>();
    if (ids.isEmpty()) {
      return out;
    }
    String marks = String.join(",", java.util.Collections.nCopies(ids.size(), "?"));
    try (PreparedStatement p =
        db.prepareStatement(
            "SELECT job_id, host, gpu_uuid, start_ms, end_ms, hours,"
                + " mean_util, idle_ratio, peak_memory, energy_kwh FROM allocations WHERE job_id IN ("
                + marks
                + ")"
                + " ORDER BY rowid")) {
      for (int i = 0; i < ids.size(); i++) {
        p.setString(i + 1, ids.get(i));
      }
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          Allocation a =
              new Allocation(
                  r.getString("job_id"),
                  r.getString("host"),
                  r.getString("gpu_uuid"),
                  r.getLong("start_ms"),
                  r.getLong("end_ms"));
          GpuFigures g =
              a.holdsGpu()
                  ? new GpuFigures(
                      a.host(),
                      a.gpuUuid(),
                      a.startMs(),
                      a.endMs(),
                      number(r, "hours"),
                      number(r, "mean_util"),
                      number(r, "idle_ratio"),
                      number(r, "peak_memory"),
                      number(r, "energy_kwh"))
                  : null;
          out.computeIfAbsent(a.jobId(), k -> new ArrayList<>()).add(new Row.Gpu(a, g));
        }
      }
    }
    return out;
  }

  static List<FiredAlert> alerts(Connection db, String id) throws SQLException {
    List<FiredAlert> out = new ArrayList<>();
    try (PreparedStatement p =
        db.prepareStatement(
            "SELECT time_ms, rule, grp, severity, summary, host, gpu_uuid"
                + " FROM job_alerts WHERE job_id = ? ORDER BY time_ms, rowid")) {
      p.setString(1, id);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.add(
              new FiredAlert(
                  r.getLong(1),
                  r.getString(2),
                  r.getString(3),
                  r.getString(4),
                  r.getString(5),
                  r.getString(6),
                  r.getString(7)));
        }
      }
    }
    return out;
  }

  static Row row(ResultSet r) throws SQLException {
    Map<String, String> attributes = new TreeMap<>();
    new JsonObject(r.getString("attributes"))
        .forEach(e -> attributes.put(e.getKey(), String.valueOf(e.getValue())));
    return new Row(
        r.getString("id"),
        r.getString("user"),
        r.getString("name"),
        r.getString("source"),
        r.getLong("start_ms"),
        r.getLong("end_ms"),
        Map.copyOf(attributes),
        new JobReport(
            r.getLong("computed_at_ms"),
            true,
            r.getDouble("idle_threshold"),
            number(r, "gpu_hours"),
            number(r, "mean_util"),
            number(r, "median_util"),
            number(r, "idle_gpu_hours"),
            number(r, "peak_gpu_memory"),
            number(r, "gpu_energy_kwh"),
            number(r, "host_cpu_util"),
            number(r, "host_memory_peak"),
            number(r, "host_memory_total"),
            number(r, "disk_read"),
            number(r, "disk_written"),
            number(r, "ib_received"),
            number(r, "ib_transmitted"),
            List.of(),
            List.of()));
  }

  /** A jobs row before its allocations are read. */
  record Row(
      String id,
      String user,
      String name,
      String source,
      long startMs,
      long endMs,
      Map<String, String> attributes,
      JobReport figures) {
    record Gpu(Allocation allocation, GpuFigures figures) {}

    ArchivedJob toArchived(List<Gpu> gpus, List<FiredAlert> alerts) {
      List<Allocation> allocations = new ArrayList<>();
      List<GpuFigures> figures = new ArrayList<>();
      for (Gpu g : gpus) {
        allocations.add(g.allocation());
        if (g.figures() != null) {
          figures.add(g.figures());
        }
      }
      Job job =
          new Job(
              id, user, name, attributes, JobState.FINISHED, startMs, endMs, source, allocations);
      JobReport f = figures();
      return new ArchivedJob(
          job,
          new JobReport(
              f.computedAtMs(),
              true,
              f.idleThresholdRatio(),
              f.gpuHours(),
              f.meanGpuUtilization(),
              f.medianGpuUtilization(),
              f.idleGpuHours(),
              f.peakGpuMemoryBytes(),
              f.gpuEnergyKwh(),
              f.hostCpuUtilization(),
              f.hostMemoryPeakBytes(),
              f.hostMemoryTotalBytes(),
              f.diskReadBytes(),
              f.diskWrittenBytes(),
              f.ibReceivedBytes(),
              f.ibTransmittedBytes(),
              figures,
              alerts));
    }
  }

  static double number(ResultSet r, String column) throws SQLException {
    double v = r.getDouble(column);
    return r.wasNull() ? Double.NaN : v;
  }
}
