package io.clusterwatch.e2e.slurm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Decides whether tests with a real Slurm can run here. Without the Slurm and munge binaries, or
 * without root (slurmd must run as root to manage cgroups and jobs), such tests are skipped with a
 * loud message on a developer machine, but fail under {@code CI=true}: CI installs Slurm ({@code
 * e2e/slurm/install.sh}), so a missing Slurm there is a broken set-up, not a reason to pass.
 *
 * @param env the process environment ({@code PATH}, {@code CI})
 * @param procSelf the {@code /proc/self} directory, read for the effective uid
 * @param extraBinDirs searched after PATH
 */
public record SlurmAvailability(Map<String, String> env, Path procSelf, List<Path> extraBinDirs) {

  /** Everything start.sh runs, and the client commands tests use. */
  static final List<String> REQUIRED_BINARIES =
      List.of(
          "munged",
          "munge",
          "unmunge",
          "slurmctld",
          "slurmd",
          "sbatch",
          "scontrol",
          "squeue",
          "sinfo");

  /** The outcome: run, or why not. */
  public enum Decision {
    RUN,
    SKIP,
    FAIL
  }

  /** A decision with the reason shown to whoever reads the test report. */
  public record Verdict(Decision decision, String reason) {}

  public SlurmAvailability {
    env = Map.copyOf(env);
    extraBinDirs = List.copyOf(extraBinDirs);
  }

  /**
   * For this JVM's environment and {@code /proc/self}; also searches /usr/sbin and /sbin, where
   * Debian puts the daemons and which a non-login root shell may lack on PATH.
   */
  public static SlurmAvailability ofThisProcess() {
    return new SlurmAvailability(
        System.getenv(), Path.of("/proc/self"), List.of(Path.of("/usr/sbin"), Path.of("/sbin")));
  }

  /**
   * True when the environment says this is a CI run ({@code CI=true}, as GitHub and GitLab set it).
   */
  public boolean onCi() {
    return "true".equalsIgnoreCase(env.getOrDefault("CI", "").strip());
  }

  /**
   * Binaries from {@link #REQUIRED_BINARIES} found in no PATH directory nor in {@code
   * extraBinDirs}.
   */
  public List<String> missingBinaries() {
    List<String> missing = new ArrayList<>();
    for (String binary : REQUIRED_BINARIES) {
      if (searchPath().stream().map(dir -> dir.resolve(binary)).noneMatch(Files::isExecutable)) {
        missing.add(binary);
      }
    }
    return missing;
  }

  /** Decides without side effects. */
  public Verdict verdict() {
    List<String> problems = new ArrayList<>();
    List<String> missing = missingBinaries();
    if (!missing.isEmpty()) {
      problems.add(
          "Slurm/munge binaries missing: "
              + String.join(", ", missing)
              + " (run e2e/slurm/install.sh as root, or ./clusterwatch test)");
    }
    if (!runningAsRoot()) {
      problems.add("not running as root (slurmd must run as root); uid line: " + uidLine());
    }
    if (problems.isEmpty()) {
      return new Verdict(Decision.RUN, "Slurm binaries present, running as root");
    }
    String reason = String.join("; ", problems);
    return onCi()
        ? new Verdict(Decision.FAIL, "CI=true but a real Slurm cannot run here: " + reason)
        : new Verdict(Decision.SKIP, "SKIPPING tests with a real Slurm: " + reason);
  }

  /**
   * Applies {@link #verdict()} to the running test: returns when Slurm can run, aborts the test
   * (JUnit assumption, reported as skipped) after printing the reason to stderr, or fails it on CI.
   * On CI with binaries missing it first runs {@code installer} once, as CI machines start bare.
   */
  public void requireOrSkip(Supplier<BoundedCommand.Result> installer) {
    Verdict verdict = verdict();
    if (verdict.decision() == Decision.FAIL && runningAsRoot() && !missingBinaries().isEmpty()) {
      BoundedCommand.Result install = installer.get();
      verdict = verdict();
      if (verdict.decision() != Decision.RUN) {
        verdict =
            new Verdict(
                Decision.FAIL, verdict.reason() + "\ninstall attempt: " + install.describe());
      }
    }
    switch (verdict.decision()) {
      case RUN:
        return;
      case SKIP:
        System.err.println("\n*** " + verdict.reason() + " ***\n");
        Assumptions.abort(verdict.reason());
        return;
      default:
        Assertions.fail(verdict.reason());
    }
  }

  /**
   * {@link #requireOrSkip(Supplier)} with install.sh from {@link SlurmCluster#defaultScriptsDir()}.
   */
  public void requireOrSkip() {
    requireOrSkip(() -> SlurmCluster.install(SlurmCluster.defaultScriptsDir()));
  }

  private List<Path> searchPath() {
    Set<Path> dirs = new LinkedHashSet<>();
    for (String dir : env.getOrDefault("PATH", "").split(":")) {
      if (!dir.isBlank()) {
        dirs.add(Path.of(dir));
      }
    }
    dirs.addAll(extraBinDirs);
    return List.copyOf(dirs);
  }

  boolean runningAsRoot() {
    String line = uidLine();
    // proc(5) /proc/pid/status "Uid:" real, effective, saved set, filesystem UIDs (tab-separated).
    String[] parts = line.split("\\s+");
    return parts.length >= 3 && parts[0].equals("Uid:") && parts[2].equals("0");
  }

  private String uidLine() {
    try {
      return Files.readAllLines(procSelf.resolve("status")).stream()
          .filter(l -> l.startsWith("Uid:"))
          .findFirst()
          .orElse("(no Uid: line)");
    } catch (IOException e) {
      return "(cannot read " + procSelf.resolve("status") + ": " + e.getMessage() + ")";
    }
  }
}
