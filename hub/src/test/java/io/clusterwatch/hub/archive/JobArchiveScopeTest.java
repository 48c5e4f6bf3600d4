package io.clusterwatch.hub.archive;

import static io.clusterwatch.hub.archive.ArchiveFixtures.T0;
import static io.clusterwatch.hub.archive.ArchiveFixtures.job;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterwatch.hub.jobs.Job;
import io.clusterwatch.hub.jobs.JobScope;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive's job list limited to what one person may see: their own jobs, and those whose
 * account or Kubernetes namespace is theirs; the same answer as {@link JobFilter#matches} gives for
 * jobs in memory.
 */
class JobArchiveScopeTest {
  @TempDir Path dir;

  private static ArchivedJob inNamespace(String id, String user, String namespace, long startMs) {
    ArchivedJob a = job(id, user, "unused", startMs, 1);
    Job j = a.job();
    Job k8s =
        new Job(
            j.id(),
            j.user(),
            j.name(),
            Map.of("namespace", namespace),
            j.state(),
            j.startMs(),
            j.endMs(),
            "kubernetes",
            j.allocations());
    return new ArchivedJob(k8s, a.report());
  }

  @Test
  void aScopeListsOwnJobsAndThoseOfItsAccountsAndNamespaces() {
    List<ArchivedJob> all =
        List.of(
            job("j1", "alice", "cs101", T0, 1),
            job("j2", "bob", "cs102", T0 + 60_000, 1),
            inNamespace("j3", "carol", "ml-course", T0 + 120_000),
            inNamespace("j4", "dave", "other", T0 + 180_000),
            job("j5", "tina", "research", T0 + 240_000, 1));
    Map<JobScope, List<String>> expected =
        Map.of(
            new JobScope("tina", Set.of("cs101", "ml-course")), List.of("j5", "j3", "j1"),
            new JobScope("bob", Set.of()), List.of("j2"),
            new JobScope("erin", Set.of("cs999")), List.of(),
            new JobScope("dave", Set.of("cs102")), List.of("j4", "j2"));
    try (JobArchive archive = JobArchive.open(dir.resolve("jobs.sqlite"))) {
      archive.putAll(all);
      expected.forEach(
          (scope, ids) -> {
            JobFilter filter = JobFilter.ALL.within(scope);
            assertEquals(ids, ids(archive.page(filter, null, 100)), scope.toString());
            List<String> inMemory = new ArrayList<>();
            // newest first, like the list
            for (int i = all.size() - 1; i >= 0; i--) {
              if (filter.matches(all.get(i).job())) {
                inMemory.add(all.get(i).job().id());
              }
            }
            assertEquals(ids, inMemory, scope + " in memory");
          });
    }
  }

  private static List<String> ids(List<ArchivedJob> jobs) {
    return jobs.stream().map(a -> a.job().id()).toList();
  }
}
