package io.clusterwatch.hub.archive;

import static io.clusterwatch.hub.archive.ArchiveFixtures.T0;
import static io.clusterwatch.hub.archive.ArchiveFixtures.job;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 100,000 archived jobs: pages are correct deep into the archive. Prints how long inserting and
 * paging took (docs/BENCHMARKS.md); the timing is not asserted.
 */
class JobArchivePagingBenchmarkTest {
  private static final int JOBS = 100_000;
  private static final String[] USERS = {"alice", "bob", "carol", "dave"};

  @Test
  void pagesOfAHundredThousandJobs(@TempDir Path dir) {
    try (JobArchive archive = JobArchive.open(dir.resolve("jobs.sqlite"))) {
      long t0 = System.nanoTime();
      List<ArchivedJob> batch = new ArrayList<>();
      for (int i = 0; i < JOBS; i++) {
        batch.add(
            job(
                String.format("%06d", i),
                USERS[i % USERS.length],
                "cs" + (i % 10),
                T0 + i * 1000L,
                1 + i % 2));
        if (batch.size() == 10_000) {
          archive.putAll(batch);
          batch.clear();
        }
      }
      long inserted = System.nanoTime();
      assertEquals(JOBS, archive.count());

      // Newest first: the first page is the last ids inserted.
      long p0 = System.nanoTime();
      List<ArchivedJob> first = archive.page(JobFilter.ALL, null, 100);
      long firstNs = System.nanoTime() - p0;
      assertEquals(String.format("%06d", JOBS - 1), first.get(0).job().id());
      assertEquals(String.format("%06d", JOBS - 100), first.get(99).job().id());
      assertEquals(1 + (JOBS - 1) % 2, first.get(0).job().allocations().size());

      // Deep in the archive, with a filter: carol's jobs are i % 4 == 2.
      JobCursor deep = new JobCursor(T0 + 50_000 * 1000L, "050000");
      JobFilter carol = new JobFilter(null, "carol", null, null, null, null);
      long p1 = System.nanoTime();
      List<ArchivedJob> page = archive.page(carol, deep, 1000);
      long deepNs = System.nanoTime() - p1;
      // Once more, with the code warm and the pages cached, as a hub serving requests would be.
      long p2 = System.nanoTime();
      archive.page(JobFilter.ALL, null, 100);
      long firstWarmNs = System.nanoTime() - p2;
      long p3 = System.nanoTime();
      archive.page(carol, deep, 1000);
      long deepWarmNs = System.nanoTime() - p3;
      assertEquals(1000, page.size());
      assertEquals("049998", page.get(0).job().id());
      assertEquals(String.format("%06d", 49_998 - 999 * 4), page.get(999).job().id());

      System.out.printf(
          "job-archive: %d jobs inserted in %.1f s; first page of 100: %.1f ms (warm %.1f ms);"
              + " page of 1000 of one user after 50,000 jobs: %.1f ms (warm %.1f ms)%n",
          JOBS,
          (inserted - t0) / 1e9,
          firstNs / 1e6,
          firstWarmNs / 1e6,
          deepNs / 1e6,
          deepWarmNs / 1e6);
    }
  }
}
