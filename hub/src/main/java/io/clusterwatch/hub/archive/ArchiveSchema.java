package io.clusterwatch.hub.archive;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The archive's tables, versioned in {@code schema_version}: {@code jobs} (metadata and the
 * report's figures, one row per job), {@code allocations} (the allocation timeline with each GPU's
 * figures) and {@code job_alerts} (alerts and hints that fired). Indices serve the job list's order
 * and filters.
 */
final class ArchiveSchema {
  static final int VERSION = 1;

  /** The columns of {@code jobs}, in the order reads and writes list them. */
  static final String JOB_COLUMNS =
      "id, user, name, account, partition, source, start_ms, end_ms,"
          + " attributes, computed_at_ms, idle_threshold, gpu_hours, mean_util, median_util, idle_gpu_hours,"
          + " peak_gpu_memory, gpu_energy_kwh, host_cpu_util, host_memory_peak, host_memory_total, disk_read,"
          + " disk_written, ib_received, ib_transmitted";

  private static final String[] CREATE = {
    "CREATE TABLE jobs ("
        + "id TEXT PRIMARY KEY, user TEXT NOT NULL, name TEXT NOT NULL, account TEXT, partition TEXT,"
        + " source TEXT NOT NULL, start_ms INTEGER NOT NULL, end_ms INTEGER NOT NULL,"
        + " attributes TEXT NOT NULL, computed_at_ms INTEGER NOT NULL, idle_threshold REAL NOT NULL,"
        + " gpu_hours REAL, mean_util REAL, median_util REAL, idle_gpu_hours REAL, peak_gpu_memory REAL,"
        + " gpu_energy_kwh REAL, host_cpu_util REAL, host_memory_peak REAL, host_memory_total REAL,"
        + " disk_read REAL, disk_written REAL, ib_received REAL, ib_transmitted REAL)",
    "CREATE TABLE allocations ("
        + "job_id TEXT NOT NULL, host TEXT NOT NULL, gpu_uuid TEXT NOT NULL, start_ms INTEGER NOT NULL,"
        + " end_ms INTEGER NOT NULL, hours REAL, mean_util REAL, idle_ratio REAL, peak_memory REAL,"
        + " energy_kwh REAL)",
    "CREATE TABLE job_alerts ("
        + "job_id TEXT NOT NULL, time_ms INTEGER NOT NULL, rule TEXT NOT NULL, grp TEXT NOT NULL,"
        + " severity TEXT NOT NULL, summary TEXT NOT NULL, host TEXT NOT NULL, gpu_uuid TEXT NOT NULL)",
    "CREATE INDEX jobs_by_start ON jobs (start_ms DESC, id)",
    "CREATE INDEX jobs_by_user ON jobs (user, start_ms DESC, id)",
    "CREATE INDEX jobs_by_account ON jobs (account, start_ms DESC, id)",
    "CREATE INDEX jobs_by_partition ON jobs (partition, start_ms DESC, id)",
    "CREATE INDEX jobs_by_end ON jobs (end_ms)",
    "CREATE INDEX allocations_by_job ON allocations (job_id)",
    "CREATE INDEX job_alerts_by_job ON job_alerts (job_id)",
  };

  private ArchiveSchema() {}

  /** Creates the tables in an empty database; refuses one written by a newer hub. */
  static void prepare(Connection c, String where) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
      Integer version = null;
      try (ResultSet r = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
        if (r.next()) {
          int v = r.getInt(1);
          version = r.wasNull() ? null : v;
        }
      }
      if (version != null && version > VERSION) {
        throw new ArchiveException(
            where
                + " was written by a newer hub (schema version "
                + version
                + "; this hub reads up to "
                + VERSION
                + ")",
            null);
      }
      if (version == null) {
        c.setAutoCommit(false);
        for (String sql : CREATE) {
          s.execute(sql);
        }
        s.execute("INSERT INTO schema_version (version) VALUES (" + VERSION + ")");
        c.commit();
        c.setAutoCommit(true);
      }
    }
  }
}
