package io.clusterwatch.e2e.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.e2e.slurm.SlurmAvailability.Decision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run/skip/fail decision, on fake PATH directories and fake /proc/self/status files. */
class SlurmAvailabilityTest {

  @TempDir Path tmp;

  private Path binDirWithAll() throws IOException {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    for (String name : SlurmAvailability.REQUIRED_BINARIES) {
      Path file = bin.resolve(name);
      Files.writeString(file, "#!/bin/sh\n");
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    return bin;
  }

  private Path procSelf(String uidLine) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("proc-" + uidLine.hashCode()));
    Files.writeString(dir.resolve("status"), "Name:\tjava\n" + uidLine + "\nGid:\t0\t0\t0\t0\n");
    return dir;
  }

  @Test
  void runsWithAllBinariesAsRoot() throws IOException {
    SlurmAvailability a =
        new SlurmAvailability(
            Map.of("PATH", binDirWithAll().toString()), procSelf("Uid:\t0\t0\t0\t0"), List.of());
    assertEquals(Decision.RUN, a.verdict().decision());
  }

  @Test
  void missingBinarySkipsOffCiAndNamesIt() throws IOException {
    Path bin = binDirWithAll();
    Files.delete(bin.resolve("slurmd"));
    SlurmAvailability a =
        new SlurmAvailability(
            Map.of("PATH", bin.toString()), procSelf("Uid:\t0\t0\t0\t0"), List.of());
    SlurmAvailability.Verdict v = a.verdict();
    assertEquals(Decision.SKIP, v.decision());
    assertEquals(List.of("slurmd"), a.missingBinaries());
    assertTrue(v.reason().contains("missing: slurmd"), v.reason());
  }

  @Test
  void missingBinaryFailsOnCi() throws IOException {
    Path bin = binDirWithAll();
    Files.delete(bin.resolve("sbatch"));
    SlurmAvailability a =
        new SlurmAvailability(
            Map.of("PATH", bin.toString(), "CI", "true"), procSelf("Uid:\t0\t0\t0\t0"), List.of());
    assertEquals(Decision.FAIL, a.verdict().decision());
  }

  @Test
  void extraDirectoriesAreSearchedAfterPath() throws IOException {
    Path bin = binDirWithAll();
    Path sbin = Files.createDirectories(tmp.resolve("sbin"));
    Files.move(bin.resolve("slurmd"), sbin.resolve("slurmd"));
    Path proc = procSelf("Uid:\t0\t0\t0\t0");
    assertEquals(
        List.of("slurmd"),
        new SlurmAvailability(Map.of("PATH", bin.toString()), proc, List.of()).missingBinaries());
    assertEquals(
        Decision.RUN,
        new SlurmAvailability(Map.of("PATH", bin.toString()), proc, List.of(sbin))
            .verdict()
            .decision());
  }

  @Test
  void nonRootSkipsOffCiAndFailsOnCi() throws IOException {
    Path bin = binDirWithAll();
    // Real uid 0 but effective uid 1000: the effective one decides.
    Path proc = procSelf("Uid:\t0\t1000\t1000\t1000");
    assertEquals(
        Decision.SKIP,
        new SlurmAvailability(Map.of("PATH", bin.toString()), proc, List.of())
            .verdict()
            .decision());
    assertEquals(
        Decision.FAIL,
        new SlurmAvailability(Map.of("PATH", bin.toString(), "CI", "TRUE"), proc, List.of())
            .verdict()
            .decision());
    assertEquals(
        Decision.SKIP,
        new SlurmAvailability(Map.of("PATH", bin.toString(), "CI", "false"), proc, List.of())
            .verdict()
            .decision());
  }

  @Test
  void nonExecutableFileDoesNotCount() throws IOException {
    Path bin = binDirWithAll();
    Files.setPosixFilePermissions(
        bin.resolve("sbatch"), PosixFilePermissions.fromString("rw-r--r--"));
    SlurmAvailability a =
        new SlurmAvailability(
            Map.of("PATH", bin.toString()), procSelf("Uid:\t0\t0\t0\t0"), List.of());
    assertEquals(List.of("sbatch"), a.missingBinaries());
  }
}
