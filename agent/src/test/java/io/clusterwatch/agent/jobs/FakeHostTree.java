package io.clusterwatch.agent.jobs;

import io.clusterwatch.agent.host.HostPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Builds a fake procfs and cgroup tree in a temporary directory. */
final class FakeHostTree {
  final Path root;
  final HostPaths paths;

  FakeHostTree(Path root) {
    this.root = root;
    this.paths = new HostPaths(root.resolve("proc"), root.resolve("sys"));
  }

  /** A process with its {@code /proc/<pid>/cgroup} text and environment ({@code K=V} entries). */
  FakeHostTree process(long pid, String cgroupFile, String... env) {
    write(paths.proc(Long.toString(pid), "cgroup"), cgroupFile.getBytes(StandardCharsets.UTF_8));
    String environ = Arrays.stream(env).map(e -> e + "\0").collect(Collectors.joining());
    write(paths.proc(Long.toString(pid), "environ"), environ.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  /** A cgroup directory below {@code <sys>/fs/cgroup} holding PIDs in {@code procsFile}. */
  FakeHostTree cgroup(String relDir, String procsFile, long... pids) {
    String text =
        Arrays.stream(pids)
            .mapToObj(Long::toString)
            .map(s -> s + "\n")
            .collect(Collectors.joining());
    write(
        paths.sys("fs", "cgroup").resolve(relDir).resolve(procsFile),
        text.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  private static void write(Path p, byte[] content) {
    try {
      Files.createDirectories(p.getParent());
      Files.write(p, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
