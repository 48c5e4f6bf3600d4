package io.clusterwatch.agent.jobs.slurm;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The directory the prolog and epilog write into (default {@code /run/clusterwatch/jobs}, a tmpfs,
 * so a reboot forgets every job). Files are {@code <job_id>.job}; names starting with a dot are the
 * scripts' temporary files, not yet renamed into place.
 */
public final class SpoolDirectory {
  private static final Logger LOG = System.getLogger(SpoolDirectory.class.getName());
  static final String SUFFIX = ".job";

  private final Path dir;

  public SpoolDirectory(Path dir) {
    this.dir = dir;
  }

  public Path path() {
    return dir;
  }

  static boolean isJobFile(Path file) {
    String n = file.getFileName().toString();
    return n.endsWith(SUFFIX) && !n.startsWith(".");
  }

  /** Every readable record by job id; a bad file is logged with its error and skipped. */
  public Map<String, SpoolRecord> read() {
    Map<String, SpoolRecord> out = new LinkedHashMap<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        if (!isJobFile(f)) {
          continue;
        }
        readFile(f).ifPresent(r -> out.put(r.jobId(), r));
      }
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cannot list spool directory " + dir + ": " + e.getMessage());
    }
    return out;
  }

  /** One file, or empty (logged) when it vanished or does not parse. */
  public java.util.Optional<SpoolRecord> readFile(Path f) {
    try {
      String content = Files.readString(f, StandardCharsets.UTF_8);
      return java.util.Optional.of(SpoolFileParser.parse(f.getFileName().toString(), content));
    } catch (NoSuchFileException e) {
      return java.util.Optional.empty();
    } catch (IOException | IllegalArgumentException e) {
      LOG.log(Level.WARNING, "skipping spool file " + f + ": " + e.getMessage());
      return java.util.Optional.empty();
    }
  }

  /** Forgets a job whose end has been reported. */
  public void remove(String jobId) {
    try {
      Files.deleteIfExists(dir.resolve(jobId + SUFFIX));
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cannot remove spool file for job " + jobId + ": " + e.getMessage());
    }
  }
}
