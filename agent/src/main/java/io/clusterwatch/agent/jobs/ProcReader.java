package io.clusterwatch.agent.jobs;

import io.clusterwatch.agent.host.HostPaths;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a process's {@code cgroup} and {@code environ} files under the procfs root. A process that
 * exited meanwhile simply has no owner and no environment; other failures are logged.
 */
public final class ProcReader {
  private static final Logger LOG = System.getLogger(ProcReader.class.getName());
  private final HostPaths paths;

  public ProcReader(HostPaths paths) {
    this.paths = paths;
  }

  public Optional<CgroupOwner> owner(long pid) {
    try {
      String text =
          Files.readString(paths.proc(Long.toString(pid), "cgroup"), StandardCharsets.UTF_8);
      return CgroupPathParser.parseProcCgroup(text);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | IllegalArgumentException e) {
      LOG.log(Level.WARNING, "cannot read cgroup of pid " + pid + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  public Map<String, String> environ(long pid) {
    try {
      return EnvironParser.parse(Files.readAllBytes(paths.proc(Long.toString(pid), "environ")));
    } catch (NoSuchFileException e) {
      return Map.of();
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "cannot read environ of pid " + pid + ": " + e.getMessage());
      return Map.of();
    }
  }
}
