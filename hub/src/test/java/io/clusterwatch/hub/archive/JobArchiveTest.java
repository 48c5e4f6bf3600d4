package io.clusterwatch.hub.archive;

import static io.clusterwatch.hub.archive.ArchiveFixtures.T0;
import static io.clusterwatch.hub.archive.ArchiveFixtures.job;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.hub.jobs.JobState;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite archive on a temporary file. */
class JobArchiveTest {
  @TempDir Path dir;

  @Test
  void aJobComesBackWithItsTimelineReportAndAlertsAfterReopening() {
    Path file = dir.resolve("jobs.sqlite");
    ArchivedJob written = job("7", "alice", "cs101", T0, 2);
    try (JobArchive archive = JobArchive.open(file)) {
      archive.put(written.job(), written.report());
    }
    try (JobArchive archive = JobArchive.open(file)) {
      ArchivedJob read = archive.get("7").orElseThrow();
      assertEquals(written.job(), read.job());
      assertEquals(written.report(), read.report());
      assertTrue(Double.isNaN(read.report().ibTransmittedBytes()), "no data stays no data");
      assertTrue(archive.get("8").isEmpty());
    }
  }

  @Test
  void archivingAJobAgainReplacesItsRows() {
    try (JobArchive archive = JobArchive.open(dir.resolve("jobs.sqlite"))) {
      ArchivedJob first = job("7", "alice", "cs101", T0, 4);
      archive.put(first.job(), first.report());
      ArchivedJob again = job("7", "alice", "cs101", T0, 1);
      archive.put(again.job(), again.report());
      assertEquals(1, archive.count());
      ArchivedJob read = archive.get("7").orElseThrow();
      assertEquals(1, read.job().allocations().size());
      assertEquals(1, read.report().alerts().size());
    }
  }

  @Test
  void pagesFilterByUserAccountAndTimeAndFollowTheCursorInListOrder() {
    try (JobArchive archive = JobArchive.open(dir.resolve("jobs.sqlite"))) {
      List<ArchivedJob> all = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        // Two jobs per start time: the id orders them.
        all.add(
            job(
                "j" + i,
                i % 2 == 0 ? "alice" : "bob",
                i < 6 ? "cs101" : "cs102",
                T0 + (i / 2) * 60_000L,
                1));
      }
      archive.putAll(all);
      List<String> alice =
          ids(archive.page(new JobFilter(null, "alice", null, null, null, null), null, 100));
      assertEquals(List.of("j8", "j6", "j4", "j2", "j0"), alice);
      assertEquals(
          List.of("j8", "j9", "j6", "j7"),
          ids(archive.page(new JobFilter(null, null, "cs102", null, null, null), null, 100)));
      // Ran at some time in [T0 + 1 h + 2 min, T0 + 1 h + 3 min]: ended at or after, started at or
      // before.
      assertEquals(
          List.of("j6", "j7", "j4", "j5"),
          ids(
              archive.page(
                  new JobFilter(null, null, null, null, T0 + 3_720_000, T0 + 180_000), null, 100)));
      assertEquals(
          List.of(),
          ids(
              archive.page(
                  new JobFilter(JobState.RUNNING, null, null, null, null, null), null, 100)));

      List<String> paged = new ArrayList<>();
      JobCursor cursor = null;
      for (int page = 0; page < 4; page++) {
        List<ArchivedJob> p = archive.page(JobFilter.ALL, cursor, 3);
        paged.addAll(ids(p));
        if (p.isEmpty()) {
          break;
        }
        cursor = JobCursor.after(p.get(p.size() - 1).job());
      }
      assertEquals(List.of("j8", "j9", "j6", "j7", "j4", "j5", "j2", "j3", "j0", "j1"), paged);
    }
  }

  @Test
  void anArchiveOfANewerHubIsRefusedWithItsFileNamed() throws Exception {
    Path file = dir.resolve("jobs.sqlite");
    JobArchive.open(file).close();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.execute("UPDATE schema_version SET version = 99");
    }
    ArchiveException e = assertThrows(ArchiveException.class, () -> JobArchive.open(file));
    assertTrue(
        e.getMessage().contains(file.toString()) && e.getMessage().contains("newer hub"),
        e.getMessage());
  }

  @Test
  void cursorsRoundTripAndRejectForeignText() {
    JobCursor c = new JobCursor(T0, "12:34 ü");
    assertEquals(c, JobCursor.decode(c.encode()));
    assertThrows(IllegalArgumentException.class, () -> JobCursor.decode("not base64!"));
    assertThrows(IllegalArgumentException.class, () -> JobCursor.decode("eHl6"));
  }

  private static List<String> ids(List<ArchivedJob> jobs) {
    return jobs.stream().map(a -> a.job().id()).toList();
  }
}
