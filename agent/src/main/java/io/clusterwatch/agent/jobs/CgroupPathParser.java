package io.clusterwatch.agent.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the Slurm job or Kubernetes pod that a cgroup path belongs to, and parses whole {@code
 * /proc/<pid>/cgroup} files. Layouts (ecosystem.md A1, A2):
 *
 * <ul>
 *   <li>Slurm cgroup v1: {@code /slurm/uid_<uid>/job_<id>/step_<s>/task_<t>} under each controller;
 *   <li>Slurm cgroup v2: {@code /system.slice/slurmstepd.scope/job_<id>/step_<s>/...}, scope named
 *       {@code <node>_slurmstepd.scope} on multiple-slurmd builds;
 *   <li>Slurm 26.05 cgroup v2 default: {@code /system.slice/slurmstepd.scope/<SLUID>/step_<s>/...},
 *       a SLUID being {@code s} plus 13 Crockford base32 digits (Slurm {@code src/common/sluid.c});
 *   <li>Kubernetes systemd driver: {@code kubepods-<qos>-pod<uid with _>.slice}, Guaranteed pods
 *       without the QoS part, containers in {@code cri-containerd-<id>.scope} / {@code
 *       crio-<id>.scope};
 *   <li>Kubernetes cgroupfs driver: {@code /kubepods/<qos>/pod<uid>/<container>}, Guaranteed pods
 *       directly under {@code /kubepods}.
 * </ul>
 */
public final class CgroupPathParser {
  private static final Pattern SLURM_V1 =
      Pattern.compile("/slurm[^/]*/uid_(\\d+)/job_(\\d+)(?:/step_([^/]+))?(?:/|$)");
  private static final String SLUID = "[sS][0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{13}";
  private static final Pattern SLURM_V2 =
      Pattern.compile(
          "/[^/]*slurmstepd\\.scope/(?:job_(\\d+)|(" + SLUID + "))(?:/step_([^/]+))?(?:/|$)");
  private static final Pattern POD_SYSTEMD =
      Pattern.compile(
          "kubepods(?:-(besteffort|burstable))?-pod([0-9a-fA-F_]{36})\\.slice(?:/([^/]+))?");
  private static final Pattern POD_CGROUPFS =
      Pattern.compile("/kubepods/(?:(besteffort|burstable)/)?pod([0-9a-fA-F-]{36})(?:/([^/]+))?");
  private static final Pattern CONTAINER_SCOPE =
      Pattern.compile("(?:cri-containerd|crio|docker|containerd)-([0-9a-fA-F]+)\\.scope");

  private CgroupPathParser() {}

  /** The owner of one cgroup path (the third field of a {@code /proc/<pid>/cgroup} line). */
  public static Optional<CgroupOwner> parsePath(String path) {
    Matcher m = SLURM_V2.matcher(path);
    if (m.find()) {
      return Optional.of(
          new SlurmCgroup(
              Optional.ofNullable(m.group(1)),
              Optional.ofNullable(m.group(2)),
              Optional.ofNullable(m.group(3)),
              Optional.empty()));
    }
    m = SLURM_V1.matcher(path);
    if (m.find()) {
      return Optional.of(
          new SlurmCgroup(
              Optional.of(m.group(2)),
              Optional.empty(),
              Optional.ofNullable(m.group(3)),
              Optional.of(Long.parseLong(m.group(1)))));
    }
    m = POD_SYSTEMD.matcher(path);
    if (m.find()) {
      return Optional.of(
          new PodCgroup(m.group(2).replace('_', '-'), qos(m.group(1)), container(m.group(3))));
    }
    m = POD_CGROUPFS.matcher(path);
    if (m.find()) {
      return Optional.of(new PodCgroup(m.group(2), qos(m.group(1)), container(m.group(3))));
    }
    return Optional.empty();
  }

  /**
   * The owner named by a {@code /proc/<pid>/cgroup} file: lines {@code
   * hierarchy-id:controllers:path} (proc(5)). On cgroup v1 every controller has its line; the first
   * line naming a job or pod wins.
   *
   * @throws IllegalArgumentException naming the line when a line lacks the two colons
   */
  public static Optional<CgroupOwner> parseProcCgroup(String content) {
    String[] lines = content.split("\n");
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank()) {
        continue;
      }
      String[] parts = line.split(":", 3);
      if (parts.length != 3) {
        throw new IllegalArgumentException(
            "cgroup line " + (i + 1) + " is not 'hierarchy-id:controllers:path': " + line);
      }
      paths.add(parts[2]);
    }
    for (String p : paths) {
      Optional<CgroupOwner> owner = parsePath(p);
      if (owner.isPresent()) {
        return owner;
      }
    }
    return Optional.empty();
  }

  private static String qos(String group) {
    return group == null ? "guaranteed" : group;
  }

  private static Optional<String> container(String segment) {
    if (segment == null || segment.endsWith(".slice")) {
      return Optional.empty();
    }
    Matcher m = CONTAINER_SCOPE.matcher(segment);
    return Optional.of(m.matches() ? m.group(1) : segment);
  }
}
