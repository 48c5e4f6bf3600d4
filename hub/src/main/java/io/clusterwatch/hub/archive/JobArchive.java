package io.clusterwatch.hub.archive;

import io.clusterwatch.hub.jobs.Job;
import io.clusterwatch.hub.jobs.JobScope;
import io.clusterwatch.hub.jobs.JobState;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Finished jobs in SQLite: one file, or memory when the hub has no data directory. Blocking and not
 * thread-safe: one thread uses it ({@link JobArchiver} owns that thread).
 */
public final class JobArchive implements AutoCloseable {
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
      ArchiveWriter.write(db, jobs);
      db.commit();
    } catch (SQLException e) {
      rollback();
      throw new ArchiveException("cannot write to " + where + ": " + e.getMessage(), e);
    } finally {
      autoCommit();
    }
  }

  /** One archived job with its allocation timeline, GPU figures and alerts. */
  public Optional<ArchivedJob> get(String id) {
    try (PreparedStatement p =
        db.prepareStatement("SELECT " + ArchiveSchema.JOB_COLUMNS + " FROM jobs WHERE id = ?")) {
      p.setString(1, id);
      try (ResultSet r = p.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        ArchiveRows.Row row = ArchiveRows.row(r);
        Map<String, List<ArchiveRows.Row.Gpu>> allocations =
            ArchiveRows.allocations(db, List.of(id));
        return Optional.of(
            row.toArchived(allocations.getOrDefault(id, List.of()), ArchiveRows.alerts(db, id)));
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
    StringBuilder sql =
        new StringBuilder("SELECT " + ArchiveSchema.JOB_COLUMNS + " FROM jobs WHERE 1 = 1");
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
      List<ArchiveRows.Row> rows = new ArrayList<>();
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          rows.add(ArchiveRows.row(r));
        }
      }
      Map<String, List<ArchiveRows.Row.Gpu>> allocations =
          ArchiveRows.allocations(db, rows.stream().map(ArchiveRows.Row::id).toList());
      List<ArchivedJob> out = new ArrayList<>();
      for (ArchiveRows.Row row : rows) {
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
