package io.clusterwatch.hub.archive;

import io.clusterwatch.hub.archive.JobReport.FiredAlert;
import io.clusterwatch.hub.archive.JobReport.GpuFigures;
import io.clusterwatch.hub.jobs.Allocation;
import io.clusterwatch.hub.jobs.Job;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collection;

/**
 * Writes finished jobs into the archive's tables: each job's row replaced, its allocations and
 * alerts deleted and inserted again. The caller owns the transaction ({@link JobArchive#putAll}).
 */
final class ArchiveWriter {
  private ArchiveWriter() {}

  static void write(Connection db, Collection<ArchivedJob> jobs) throws SQLException {
    try (PreparedStatement delAlloc =
            db.prepareStatement("DELETE FROM allocations WHERE job_id = ?");
        PreparedStatement delAlerts =
            db.prepareStatement("DELETE FROM job_alerts WHERE job_id = ?");
        PreparedStatement insJob =
            db.prepareStatement(
                "INSERT OR REPLACE INTO jobs ("
                    + ArchiveSchema.JOB_COLUMNS
                    + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
        PreparedStatement insAlloc =
            db.prepareStatement(
                "INSERT INTO allocations (job_id, host, gpu_uuid,"
                    + " start_ms, end_ms, hours, mean_util, idle_ratio, peak_memory, energy_kwh)"
                    + " VALUES (?,?,?,?,?,?,?,?,?,?)");
        PreparedStatement insAlert =
            db.prepareStatement(
                "INSERT INTO job_alerts (job_id, time_ms, rule, grp,"
                    + " severity, summary, host, gpu_uuid) VALUES (?,?,?,?,?,?,?,?)")) {
      for (ArchivedJob a : jobs) {
        Job job = a.job();
        delAlloc.setString(1, job.id());
        delAlloc.executeUpdate();
        delAlerts.setString(1, job.id());
        delAlerts.executeUpdate();
        bindJob(insJob, job, a.report());
        insJob.executeUpdate();
        for (Allocation al : job.allocations()) {
          bindAllocation(insAlloc, al, figuresOf(a.report(), al));
          insAlloc.addBatch();
        }
        insAlloc.executeBatch();
        for (FiredAlert f : a.report().alerts()) {
          insAlert.setString(1, job.id());
          insAlert.setLong(2, f.timeMs());
          insAlert.setString(3, f.rule());
          insAlert.setString(4, f.group());
          insAlert.setString(5, f.severity());
          insAlert.setString(6, f.summary());
          insAlert.setString(7, f.host());
          insAlert.setString(8, f.gpuUuid());
          insAlert.addBatch();
        }
        insAlert.executeBatch();
      }
    }
  }

  static GpuFigures figuresOf(JobReport report, Allocation a) {
    for (GpuFigures g : report.gpus()) {
      if (g.host().equals(a.host()) && g.uuid().equals(a.gpuUuid()) && g.startMs() == a.startMs()) {
        return g;
      }
    }
    return null;
  }

  private static void bindJob(PreparedStatement p, Job job, JobReport r) throws SQLException {
    p.setString(1, job.id());
    p.setString(2, job.user());
    p.setString(3, job.name());
    p.setString(4, job.attributes().get("account"));
    p.setString(5, job.attributes().get("partition"));
    p.setString(6, job.source());
    p.setLong(7, job.startMs());
    p.setLong(8, job.endMs());
    JsonObject attributes = new JsonObject();
    job.attributes().forEach(attributes::put);
    p.setString(9, attributes.encode());
    p.setLong(10, r.computedAtMs());
    p.setDouble(11, r.idleThresholdRatio());
    double[] figures = {
      r.gpuHours(),
      r.meanGpuUtilization(),
      r.medianGpuUtilization(),
      r.idleGpuHours(),
      r.peakGpuMemoryBytes(),
      r.gpuEnergyKwh(),
      r.hostCpuUtilization(),
      r.hostMemoryPeakBytes(),
      r.hostMemoryTotalBytes(),
      r.diskReadBytes(),
      r.diskWrittenBytes(),
      r.ibReceivedBytes(),
      r.ibTransmittedBytes()
    };
    for (int i = 0; i < figures.length; i++) {
      number(p, 12 + i, figures[i]);
    }
  }

  private static void bindAllocation(PreparedStatement p, Allocation a, GpuFigures g)
      throws SQLException {
    p.setString(1, a.jobId());
    p.setString(2, a.host());
    p.setString(3, a.gpuUuid());
    p.setLong(4, a.startMs());
    p.setLong(5, a.endMs());
    number(p, 6, g == null ? Double.NaN : g.hours());
    number(p, 7, g == null ? Double.NaN : g.meanUtilization());
    number(p, 8, g == null ? Double.NaN : g.idleRatio());
    number(p, 9, g == null ? Double.NaN : g.peakMemoryBytes());
    number(p, 10, g == null ? Double.NaN : g.energyKwh());
  }

  /** NaN (no data) is stored as NULL. */
  private static void number(PreparedStatement p, int i, double v) throws SQLException {
    if (Double.isNaN(v)) {
      p.setNull(i, Types.REAL);
    } else {
      p.setDouble(i, v);
    }
  }
}
