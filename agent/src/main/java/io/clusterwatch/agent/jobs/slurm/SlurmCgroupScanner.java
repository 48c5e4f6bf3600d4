package io.clusterwatch.agent.jobs.slurm;

import io.clusterwatch.agent.host.HostPaths;
import io.clusterwatch.agent.jobs.CgroupOwner;
import io.clusterwatch.agent.jobs.CgroupPathParser;
import io.clusterwatch.agent.jobs.SlurmCgroup;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the Slurm jobs that have a cgroup on this node, with some of their PIDs, so that jobs show
 * up even while no process touches a GPU. cgroup v2: {@code <sysfs>/fs/cgroup/system.slice/
 * *slurmstepd.scope/<job_N or SLUID>}; cgroup v1: {@code <sysfs>/fs/cgroup/<controller>/slurm* /
 * uid_<uid>/job_<id>} (ecosystem.md A1).
 */
public final class SlurmCgroupScanner {
  /** A job cgroup and up to {@link #MAX_PIDS} of its processes. */
  record ScannedJob(SlurmCgroup owner, List<Long> pids) {}

  static final int MAX_PIDS = 64;
  private final Path cgroupRoot;

  public SlurmCgroupScanner(HostPaths paths) {
    this.cgroupRoot = paths.sys("fs", "cgroup");
  }

  /** True when this node has any Slurm cgroup tree, so a job without a cgroup is really gone. */
  public boolean slurmTreePresent() {
    return !scopes().isEmpty() || !v1SlurmDirs().isEmpty();
  }

  List<ScannedJob> scan() {
    Map<String, ScannedJob> jobs = new LinkedHashMap<>();
    for (Path scope : scopes()) {
      for (Path child : children(scope)) {
        String rel = "/system.slice/" + scope.getFileName() + "/" + child.getFileName();
        add(jobs, rel, child, "cgroup.procs");
      }
    }
    for (Path slurmDir : v1SlurmDirs()) {
      for (Path uidDir : children(slurmDir)) {
        for (Path jobDir : children(uidDir)) {
          String rel =
              "/"
                  + slurmDir.getFileName()
                  + "/"
                  + uidDir.getFileName()
                  + "/"
                  + jobDir.getFileName();
          add(jobs, rel, jobDir, "tasks");
        }
      }
    }
    return new ArrayList<>(jobs.values());
  }

  private static void add(Map<String, ScannedJob> jobs, String rel, Path dir, String v1Tasks) {
    Optional<CgroupOwner> owner = CgroupPathParser.parsePath(rel);
    if (owner.isEmpty() || !(owner.get() instanceof SlurmCgroup)) {
      return;
    }
    SlurmCgroup s = (SlurmCgroup) owner.get();
    String key = s.jobId().orElseGet(() -> s.sluid().orElseThrow());
    ScannedJob prev = jobs.get(key);
    List<Long> pids = new ArrayList<>(prev == null ? List.of() : prev.pids());
    collectPids(dir, v1Tasks, pids);
    jobs.put(key, new ScannedJob(prev == null ? s : prev.owner(), pids));
  }

  private static void collectPids(Path jobDir, String v1Tasks, List<Long> pids) {
    try (Stream<Path> files = Files.walk(jobDir, 5)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        String n = f.getFileName().toString();
        if (pids.size() >= MAX_PIDS) {
          return;
        }
        if (n.equals("cgroup.procs") || n.equals(v1Tasks)) {
          for (String line : Files.readAllLines(f)) {
            String t = line.trim();
            if (!t.isEmpty() && t.chars().allMatch(Character::isDigit) && pids.size() < MAX_PIDS) {
              long pid = Long.parseLong(t);
              if (!pids.contains(pid)) {
                pids.add(pid);
              }
            }
          }
        }
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      // the job ended while we walked its tree; what was read is still true
    }
  }

  private List<Path> scopes() {
    List<Path> out = new ArrayList<>();
    for (Path p : children(cgroupRoot.resolve("system.slice"))) {
      if (p.getFileName().toString().endsWith("slurmstepd.scope")) {
        out.add(p);
      }
    }
    return out;
  }

  private List<Path> v1SlurmDirs() {
    List<Path> out = new ArrayList<>();
    for (Path controller : children(cgroupRoot)) {
      for (Path p : children(controller)) {
        String n = p.getFileName().toString();
        if (n.equals("slurm") || n.startsWith("slurm_")) {
          out.add(p);
        }
      }
    }
    return out;
  }

  private static List<Path> children(Path dir) {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, Files::isDirectory)) {
      ds.forEach(out::add);
    } catch (IOException e) {
      return out;
    }
    out.sort(null);
    return out;
  }
}
