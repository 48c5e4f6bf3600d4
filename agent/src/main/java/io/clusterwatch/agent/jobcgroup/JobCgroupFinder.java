package io.clusterwatch.agent.jobcgroup;

import io.clusterwatch.agent.host.HostPaths;
import io.clusterwatch.agent.jobs.CgroupOwner;
import io.clusterwatch.agent.jobs.CgroupPathParser;
import io.clusterwatch.agent.jobs.PodCgroup;
import io.clusterwatch.agent.jobs.SlurmCgroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Finds the job-level cgroups of Slurm jobs and Kubernetes pods under {@code <sysfs>/fs/cgroup}, in
 * the layouts job discovery knows ({@link CgroupPathParser}): on cgroup v2 the unified tree, on v1
 * (and the v1 part of a hybrid mount) every controller hierarchy. Only the directories on the way
 * to a job are listed ({@code system.slice}, {@code *slurmstepd.scope}, {@code slurm*}, {@code
 * uid_*}, {@code kubepods*}, the QoS classes), never the rest of systemd's tree, so a scan costs a
 * few directory listings per tick. Symbolic links (v1's {@code cpu} and {@code cpuacct} pointing at
 * {@code cpu,cpuacct}) are skipped so no directory is read twice.
 */
final class JobCgroupFinder {
  /** Deepest a job directory sits below a hierarchy root (v1 Kubernetes systemd layout: 3). */
  private static final int MAX_DEPTH = 4;

  private final Path root;

  JobCgroupFinder(HostPaths paths) {
    this.root = paths.sys("fs", "cgroup");
  }

  /** The jobs with a cgroup now, ordered by job id. */
  List<JobCgroup> find() {
    Map<String, List<Path>> byJob = new TreeMap<>();
    boolean unified = Files.exists(root.resolve("cgroup.controllers"));
    List<Path> hierarchies = unified ? List.of(root) : children(root);
    for (Path h : hierarchies) {
      walk(h, "", 1, byJob);
    }
    List<JobCgroup> out = new ArrayList<>(byJob.size());
    byJob.forEach((id, dirs) -> out.add(new JobCgroup(id, dirs)));
    return out;
  }

  private static void walk(Path dir, String rel, int depth, Map<String, List<Path>> byJob) {
    for (Path child : children(dir)) {
      String name = child.getFileName().toString();
      String childRel = rel + "/" + name;
      Optional<String> job = jobOf(CgroupPathParser.parsePath(childRel));
      if (job.isPresent()) {
        byJob.computeIfAbsent(job.get(), k -> new ArrayList<>()).add(child);
      } else if (depth < MAX_DEPTH && onTheWay(name)) {
        walk(child, childRel, depth + 1, byJob);
      }
    }
  }

  /**
   * The job a job-level path names; empty for other paths and for steps and containers below one.
   */
  private static Optional<String> jobOf(Optional<CgroupOwner> owner) {
    if (owner.isEmpty()) {
      return Optional.empty();
    }
    if (owner.get() instanceof SlurmCgroup s) {
      return s.step().isPresent()
          ? Optional.empty()
          : Optional.of(s.jobId().orElseGet(() -> s.sluid().orElseThrow()));
    }
    PodCgroup p = (PodCgroup) owner.get();
    return p.containerId().isPresent() ? Optional.empty() : Optional.of(p.podUid());
  }

  private static boolean onTheWay(String name) {
    return name.equals("system.slice")
        || name.endsWith("slurmstepd.scope")
        || name.startsWith("slurm")
        || name.startsWith("uid_")
        || name.startsWith("kubepods")
        || name.equals("burstable")
        || name.equals("besteffort");
  }

  /** Sub-directories, sorted, without symbolic links; empty when the directory went away. */
  private static List<Path> children(Path dir) {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> ds =
        Files.newDirectoryStream(dir, p -> Files.isDirectory(p) && !Files.isSymbolicLink(p))) {
      ds.forEach(out::add);
    } catch (IOException | UncheckedIOException e) {
      return List.of(); // a job's cgroup is removed as it ends; the next scan will not see it
    }
    out.sort(null);
    return out;
  }
}
