package io.clusterwatch.e2e.slurm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A single-node Slurm cluster on this machine (munged, slurmctld, slurmd with 4 GPUs as GRES),
 * brought up by {@code e2e/slurm/start.sh} and torn down by {@code e2e/slurm/stop.sh}. Needs root
 * and the Debian packages (see {@link SlurmAvailability}). One cluster per machine at a time:
 * start.sh refuses to start a second slurmd, so every test class that starts a cluster holds the
 * JUnit resource lock {@link #MACHINE} (classes never run at the same time, even with parallel
 * execution turned on) and stops its cluster before it ends, so that the next class can start one
 * in another configuration.
 */
public final class SlurmCluster implements AutoCloseable {

  /** {@code @ResourceLock} key of this machine's single Slurm cluster. */
  public static final String MACHINE = "io.clusterwatch.e2e.slurm.SlurmCluster";

  /**
   * start.sh's process tracking for a cluster with neither job cgroups nor task containment: {@code
   * ProctrackType=proctrack/linuxproc}, {@code TaskPlugin=task/none}.
   */
  public static final String BARE = "bare";

  /** start.sh waits for each daemon and a probe job; installing is slower (apt). */
  static final Duration START_TIMEOUT = Duration.ofMinutes(3);

  static final Duration STOP_TIMEOUT = Duration.ofMinutes(1);
  static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(10);
  static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(30);

  /** Between two {@code scontrol show job} polls in {@link #awaitState}. */
  static final Duration POLL_INTERVAL = Duration.ofMillis(200);

  /** States after which a job never changes again (squeue(1), JOB STATE CODES). */
  static final Set<String> FINAL_STATES =
      Set.of(
          "COMPLETED",
          "FAILED",
          "CANCELLED",
          "TIMEOUT",
          "NODE_FAIL",
          "PREEMPTED",
          "BOOT_FAIL",
          "DEADLINE",
          "OUT_OF_MEMORY");

  private final Path scriptsDir;
  private final Path stateDir;
  private final Map<String, String> env;
  private boolean closed;

  private SlurmCluster(Path scriptsDir, Path stateDir, Map<String, String> env) {
    this.scriptsDir = scriptsDir;
    this.stateDir = stateDir;
    this.env = Map.copyOf(env);
  }

  /**
   * The folder holding start.sh, stop.sh and install.sh: {@code slurm/} when the working directory
   * is the e2e module (as under Maven), {@code e2e/slurm/} from the repository root.
   */
  public static Path defaultScriptsDir() {
    Path cwd = Path.of("").toAbsolutePath();
    for (Path candidate : List.of(cwd.resolve("slurm"), cwd.resolve("e2e/slurm"))) {
      if (Files.isRegularFile(candidate.resolve("start.sh"))) {
        return candidate;
      }
    }
    throw new IllegalStateException("no slurm/start.sh or e2e/slurm/start.sh under " + cwd);
  }

  /** Runs install.sh (apt-get, as root); returns its result without judging it. */
  public static BoundedCommand.Result install(Path scriptsDir) {
    return BoundedCommand.run(
        List.of("bash", scriptsDir.resolve("install.sh").toString()),
        Map.of(),
        scriptsDir,
        INSTALL_TIMEOUT);
  }

  /**
   * Starts the cluster with all its files in {@code stateDir} (at most 60 characters: unix socket
   * paths live there). Prolog and epilog, when given, are executable scripts slurmd runs as root.
   *
   * @throws IllegalStateException with start.sh's output when the cluster does not come up
   */
  public static SlurmCluster start(
      Path scriptsDir, Path stateDir, Optional<Path> prolog, Optional<Path> epilog) {
    return start(scriptsDir, stateDir, prolog, epilog, Optional.empty());
  }

  /**
   * Starts the cluster with the given process tracking (start.sh's {@code CGROUP_MODE}: {@code v2},
   * {@code v1}, {@code none}, {@link #BARE}), or the one start.sh picks for this machine when
   * empty.
   */
  public static SlurmCluster start(
      Path scriptsDir,
      Path stateDir,
      Optional<Path> prolog,
      Optional<Path> epilog,
      Optional<String> processTracking) {
    Map<String, String> scriptEnv = new LinkedHashMap<>();
    processTracking.ifPresent(mode -> scriptEnv.put("CGROUP_MODE", mode));
    prolog.ifPresent(p -> scriptEnv.put("PROLOG", p.toAbsolutePath().toString()));
    epilog.ifPresent(p -> scriptEnv.put("EPILOG", p.toAbsolutePath().toString()));
    BoundedCommand.Result result =
        BoundedCommand.run(
            List.of(
                "bash",
                scriptsDir.resolve("start.sh").toString(),
                stateDir.toAbsolutePath().toString()),
            scriptEnv,
            scriptsDir,
            START_TIMEOUT);
    if (!result.succeeded()) {
      throw new IllegalStateException("Slurm test cluster did not start: " + result.describe());
    }
    Map<String, String> clientEnv = new LinkedHashMap<>(parseEnvLines(result.stdout()));
    if (!clientEnv.containsKey("SLURM_CONF")) {
      throw new IllegalStateException("start.sh printed no SLURM_CONF line: " + result.describe());
    }
    return new SlurmCluster(scriptsDir, stateDir.toAbsolutePath(), clientEnv);
  }

  /**
   * Same as {@link #start(Path, Path, Optional, Optional)} with the scripts in {@link
   * #defaultScriptsDir()}.
   */
  public static SlurmCluster start(Path stateDir, Optional<Path> prolog, Optional<Path> epilog) {
    return start(defaultScriptsDir(), stateDir, prolog, epilog);
  }

  /** KEY=VALUE lines; other lines are ignored. */
  static Map<String, String> parseEnvLines(String stdout) {
    Map<String, String> vars = new LinkedHashMap<>();
    for (String line : stdout.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0 && line.substring(0, eq).matches("[A-Z_][A-Z0-9_]*")) {
        vars.put(line.substring(0, eq), line.substring(eq + 1).strip());
      }
    }
    return vars;
  }

  /** Variables a Slurm client (sbatch, scontrol, squeue, an agent) needs to reach this cluster. */
  public Map<String, String> env() {
    return env;
  }

  public Path stateDir() {
    return stateDir;
  }

  /** The node name (this host's short name) the cluster's only node has. */
  public String nodeName() {
    return run(List.of("sinfo", "-h", "-N", "-o", "%N")).stdout().strip();
  }

  /**
   * Runs {@code sbatch --parsable ARGS} and returns the job id.
   *
   * @throws IllegalStateException when sbatch refuses the job (its message included)
   */
  public String submit(String... sbatchArgs) {
    List<String> command = new ArrayList<>(List.of("sbatch", "--parsable"));
    command.addAll(List.of(sbatchArgs));
    BoundedCommand.Result result = run(command);
    if (!result.succeeded()) {
      throw new IllegalStateException("sbatch refused the job: " + result.describe());
    }
    // --parsable prints "jobid" or "jobid;cluster" (sbatch(1)).
    String id = result.stdout().strip().split(";")[0];
    if (!id.matches("\\d+")) {
      throw new IllegalStateException("sbatch printed no job id: " + result.describe());
    }
    return id;
  }

  /** The job as {@code scontrol show job -d ID} shows it now. */
  public SlurmJobRecord job(String jobId) {
    BoundedCommand.Result result = run(List.of("scontrol", "show", "job", "-d", "-o", jobId));
    if (!result.succeeded()) {
      throw new IllegalStateException(
          "scontrol cannot show job " + jobId + ": " + result.describe());
    }
    return SlurmJobRecord.parse(result.stdout());
  }

  /**
   * Polls scontrol until the job is in {@code state} and returns it then. Polling an external
   * process is the only way to see Slurm's job states from here; it is bounded by {@code timeout}.
   *
   * @throws IllegalStateException when the job reaches another final state, or on timeout
   */
  public SlurmJobRecord awaitState(String jobId, String state, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    SlurmJobRecord job = job(jobId);
    while (!job.state().equals(state)) {
      if (FINAL_STATES.contains(job.state())) {
        throw new IllegalStateException(
            "job " + jobId + " ended " + job.state() + ", not " + state + ": " + job.fields());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "job "
                + jobId
                + " not "
                + state
                + " within "
                + timeout
                + "; last seen "
                + job.fields());
      }
      pause(POLL_INTERVAL);
      job = job(jobId);
    }
    return job;
  }

  /** Runs a Slurm client command against this cluster. */
  public BoundedCommand.Result run(List<String> command) {
    return BoundedCommand.run(command, env, stateDir, CLIENT_TIMEOUT);
  }

  /** Stops the daemons (stop.sh, idempotent); the state folder stays for inspection. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    BoundedCommand.Result result =
        BoundedCommand.run(
            List.of("bash", scriptsDir.resolve("stop.sh").toString(), stateDir.toString()),
            Map.of(),
            scriptsDir,
            STOP_TIMEOUT);
    if (!result.succeeded()) {
      throw new IllegalStateException(
          "Slurm test cluster did not stop cleanly: " + result.describe());
    }
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a Slurm job", e);
    }
  }
}
