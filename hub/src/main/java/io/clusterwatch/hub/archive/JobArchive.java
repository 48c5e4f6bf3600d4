package io.clusterwatch.hub.archive;

import io.clusterwatch.hub.archive.JobReport.FiredAlert;
import io.clusterwatch.hub.archive.JobReport.GpuFigures;
import io.clusterwatch.hub.jobs.Allocation;
import io.clusterwatch.hub.jobs.Job;
import io.clusterwatch.hub.jobs.JobScope;
import io.clusterwatch.hub.jobs.JobState;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Finished jobs in SQLite: one file, or memory when the hub has no data directory. Blocking and not
 * thread-safe: one thread uses it ({@link JobArchiver} owns that thread).
 */
public final class JobArchive implements AutoCloseable {
  private static final String JOB_COLUMNS =
      "id, user, name, account, partition, source, start_ms, end_ms,"
          + " attributes, computed_at_ms, idle_threshold, gpu_hours, mean_util, median_util, idle_gpu_hours,"
          + " peak_gpu_memory, gpu_energy_kwh, host_cpu_util, host_memory_peak, host_memory_total, disk_read,"
          + " disk_written, ib_received, ib_transmitted";

  private final Connection db;
  private final String where;

  private JobArchive(Connection db, String where) {
    this.db = db;
    this.where = where;
  }

  /** Opens (creating when needed) the archive in {@code file}, or in memory when it is null. */
  public static JobArchive open(Path file) {
    String where = file == null ? "the in-memory job archive" : file.toString();
    try {
      Connection c =
          DriverManager.getConnection(
              file == null ? "jdbc:sqlite::memory:" : "jdbc:sqlite:" + file);
      try (Statement s = c.createStatement()) {
        if (file != null) {
          // Readers never wait for the writer; a commit survives a process crash (NORMAL syncs at
          // checkpoints, which is what SQLite recommends with WAL).
          s.execute("PRAGMA journal_mode=WAL");
          s.execute("PRAGMA synchronous=NORMAL");
        }
      }
      ArchiveSchema.prepare(c, where);
      return new JobArchive(c, where);
    } catch (SQLException e) {
      throw new ArchiveException("cannot open " + where + ": " + e.getMessage(), e);
    }
  }

  /** Stores a finished job with its report, replacing an earlier archived run of the same id. */
  public void put(Job job, JobReport report) {
    putAll(List.of(new ArchivedJob(job, report)));
  }

  /** Stores many jobs in one transaction. */
  public void putAll(Collection<ArchivedJob> jobs) {
    try {
      db.setAutoCommit(false);
      try (PreparedStatement delAlloc =
              db.prepareStatement("DELETE FROM allocations WHERE job_id = ?");
          PreparedStatement delAlerts =
              db.prepareStatement("DELETE FROM job_alerts WHERE job_id = ?");
          PreparedStatement insJob =
              db.prepareStatement(
                  "INSERT OR REPLACE INTO jobs ("
                      + JOB_COLUMNS
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
      db.commit();
    } catch (SQLException e) {
      rollback();
      throw new ArchiveException("cannot write to " + where + ": " + e.getMessage(), e);
    } finally {
      autoCommit();
    }
  }

  private static GpuFigures figuresOf(JobReport report, Allocation a) {
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

  private static double number(ResultSet r, String column) throws SQLException {
    double v = r.getDouble(column);
    return r.wasNull() ? Double.NaN : v;
  }

  /** One archived job with its allocation timeline, GPU figures and alerts. */
  public Optional<ArchivedJob> get(String id) {
    try (PreparedStatement p =
        db.prepareStatement("SELECT " + JOB_COLUMNS + " FROM jobs WHERE id = ?")) {
      p.setString(1, id);
      try (ResultSet r = p.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        Row row = row(r);
        Map<String, List<Row.Gpu>> allocations = allocations(List.of(id));
        return Optional.of(row.toArchived(allocations.getOrDefault(id, List.of()), alerts(id)));
      }
    } catch (SQLException e) {
      throw new ArchiveException("cannot read " + where + ": " + e.getMessage(), e);
    }
  }

  /** The end of archived job {@code id}; empty when the archive does not hold it. */
  public OptionalLong endMs(String id) {
    try (PreparedStatement p = db.prepareStatement("SELECT end_ms FROM jobs WHERE id = ?")) {
      p.setString(1, id);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? OptionalLong.of(r.getLong(1)) : OptionalLong.empty();
      }
    } catch (SQLException e) {
      throw new ArchiveException("cannot read " + where + ": " + e.getMessage(), e);
    }
  }

  /**
   * Up to {@code limit} jobs matching {@code filter}, after {@code cursor} (null: from the start),
   * in the list's order ({@link JobCursor#ORDER}); reports without their per-GPU and alert lists.
   */
  public List<ArchivedJob> page(JobFilter filter, JobCursor cursor, int limit) {
    if (filter.state() == JobState.RUNNING) {
      return List.of();
    }
    StringBuilder sql = new StringBuilder("SELECT " + JOB_COLUMNS + " FROM jobs WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    condition(sql, args, "user = ?", filter.user());
    condition(sql, args, "account = ?", filter.account());
    condition(sql, args, "partition = ?", filter.partition());
    condition(sql, args, "end_ms >= ?", filter.sinceMs());
    condition(sql, args, "start_ms <= ?", filter.untilMs());
    if (filter.scope() != null) {
      scope(sql, args, filter.scope());
    }
    if (cursor != null) {
      // The first term alone bounds the index range; the second skips the ids already listed.
      sql.append(" AND start_ms <= ? AND (start_ms < ? OR id > ?)");
      args.add(cursor.startMs());
      args.add(cursor.startMs());
      args.add(cursor.id());
    }
    sql.append(" ORDER BY start_ms DESC, id ASC LIMIT ?");
    args.add(limit);
    try (PreparedStatement p = db.prepareStatement(sql.toString())) {
      for (int i = 0; i < args.size(); i++) {
        p.setObject(i + 1, args.get(i));
      }
      List<Row> rows = new ArrayList<>();
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          rows.add(row(r));
        }
      }
      Map<String, List<Row.Gpu>> allocations = allocations(rows.stream().map(Row::id).toList());
      List<ArchivedJob> out = new ArrayList<>();
      for (Row row : rows) {
        out.add(row.toArchived(allocations.getOrDefault(row.id(), List.of()), List.of()));
      }
      return out;
    } catch (SQLException e) {
      throw new ArchiveException("cannot read " + where + ": " + e.getMessage(), e);
    }
  }

  /** The jobs of {@link JobScope}: the user's own, and those of their accounts or namespaces. */
  private static void scope(StringBuilder sql, List<Object> args, JobScope scope) {
    sql.append(" AND (user = ?");
    args.add(scope.user());
    if (!scope.accounts().isEmpty()) {
      List<String> accounts = List.copyOf(new java.util.TreeSet<>(scope.accounts()));
      String marks = String.join(",", java.util.Collections.nCopies(accounts.size(), "?"));
      sql.append(" OR account IN (").append(marks).append(')');
      args.addAll(accounts);
      sql.append(" OR json_extract(attributes, '$.namespace') IN (").append(marks).append(')');
      args.addAll(accounts);
    }
    sql.append(')');
  }

  private static void condition(StringBuilder sql, List<Object> args, String clause, Object value) {
    if (value != null) {
      sql.append(" AND ").append(clause);
      args.add(value);
    }
  }

  /** Archived jobs in all. */
  public long count() {
    try (Statement s = db.createStatement();
        ResultSet r = s.executeQuery("SELECT COUNT(*) FROM jobs")) {
      return r.next() ? r.getLong(1) : 0;
    } catch (SQLException e) {
      throw new ArchiveException("cannot read " + where + ": " + e.getMessage(), e);
    }
  }

  private Map<String, List<Row.Gpu>> allocations(List<String> ids) throws SQLException {
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

  private List<FiredAlert> alerts(String id) throws SQLException {
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

  private static Row row(ResultSet r) throws SQLException {
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
  private record Row(
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

  private void rollback() {
    try {
      db.rollback();
    } catch (SQLException ignored) {
      // the write failed already; that error is the one reported
    }
  }

  private void autoCommit() {
    try {
      db.setAutoCommit(true);
    } catch (SQLException ignored) {
      // the connection is broken; the next call reports it
    }
  }

  @Override
  public void close() {
    try {
      db.close();
    } catch (SQLException e) {
      throw new ArchiveException("cannot close " + where + ": " + e.getMessage(), e);
    }
  }
}
