package io.clusterwatch.agent.jobs.slurm;

import io.clusterwatch.agent.exec.ProcessRunner;
import io.clusterwatch.agent.jobs.JobEvidence;
import io.clusterwatch.agent.jobs.JobEvidenceSource;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Slurm's own list of the jobs running on this node, for clusters where nothing on the node tells
 * of jobs: {@code proctrack/linuxproc} with {@code task/none} makes no job cgroups, and without the
 * shipped prolog the spool stays empty, so a job whose processes never open a GPU would be
 * invisible. Asks {@code squeue --nodelist=<node> --states=RUNNING --json}, and {@code --noheader
 * --format=}{@link SqueueTextParser#FORMAT} where JSON fails (a Slurm without the JSON data_parser
 * plugin, or before 21.08); the text listing has no GPU indices, which discovery then looks up per
 * job ({@code scontrol show job -d}, {@link ScontrolMetadata}).
 *
 * <p>A fallback: with {@code onlyWithoutHooks} ({@code jobs.slurm.squeue: auto}) it asks only while
 * no discovery pass has yet seen a Slurm job cgroup or a spool record; once one has, the node has
 * cgroups or hooks and Slurm's controller is spared the polling for the rest of the agent's run. In
 * the merge its jobs count only where no other source knows the job ({@link SlurmJobMerge}).
 *
 * <p>A failed call does not end the jobs: the last listing stands for up to {@code holdLast} (a
 * restarting slurmctld), then the jobs are taken as gone. Runs on the job thread; each command is
 * bounded by {@code timeout}.
 */
public final class SqueueEvidenceSource implements JobEvidenceSource {
  private static final Logger LOG = System.getLogger(SqueueEvidenceSource.class.getName());

  private final Path squeue;
  private final String nodeName;
  private final boolean onlyWithoutHooks;
  private final ProcessRunner runner;
  private final Duration timeout;
  private final Duration holdLast;
  private final Clock clock;
  private final SqueueJsonParser jsonParser = new SqueueJsonParser();

  /** Set once JSON failed where the text format answered: this squeue has no working --json. */
  private boolean textOnly;

  private boolean hooksSeen;
  private SqueueListing last = SqueueListing.EMPTY;
  private Instant lastAt = Instant.MIN;
  private boolean failing;

  /**
   * @param squeue the squeue executable
   * @param nodeName this node's Slurm NodeName
   * @param onlyWithoutHooks ask only while no job cgroup or spool record has been seen (auto)
   * @param timeout the longest one squeue call may run
   * @param holdLast how long the last good listing stands in for failed calls
   */
  public SqueueEvidenceSource(
      Path squeue,
      String nodeName,
      boolean onlyWithoutHooks,
      ProcessRunner runner,
      Duration timeout,
      Duration holdLast,
      Clock clock) {
    if (nodeName.isBlank() || nodeName.startsWith("-")) {
      throw new IllegalArgumentException(
          "squeue --nodelist: '" + nodeName + "' is not a node name");
    }
    this.squeue = squeue;
    this.nodeName = nodeName;
    this.onlyWithoutHooks = onlyWithoutHooks;
    this.runner = runner;
    this.timeout = timeout;
    this.holdLast = holdLast;
    this.clock = clock;
  }

  /** squeue from the given directories ({@code $PATH}), if there is one. */
  public static Optional<Path> find(List<Path> searchDirs) {
    return ScontrolMetadata.findCommand(searchDirs, "squeue");
  }

  @Override
  public JobEvidence collect(JobEvidence earlier) {
    if (onlyWithoutHooks
        && !hooksSeen
        && (!earlier.spool().isEmpty() || !earlier.slurmCgroups().isEmpty())) {
      hooksSeen = true;
      LOG.log(
          Level.INFO, "jobs: Slurm job cgroups or prolog records found; squeue is no longer asked");
    }
    if (onlyWithoutHooks && hooksSeen) {
      return JobEvidence.NONE;
    }
    return collect();
  }

  /** Asks squeue now, whatever the other sources see. */
  @Override
  public JobEvidence collect() {
    Instant now = clock.instant();
    try {
      last = query();
      lastAt = now;
      if (failing) {
        LOG.log(Level.INFO, "jobs: squeue answers again");
        failing = false;
      }
    } catch (IOException | IllegalArgumentException e) {
      if (!failing) {
        LOG.log(
            Level.WARNING,
            "jobs: squeue failed, keeping its last listing for up to "
                + holdLast.toSeconds()
                + " s: "
                + e.getMessage());
        failing = true;
      }
      if (!now.isBefore(lastAt.plus(holdLast))) {
        last = SqueueListing.EMPTY;
      }
    }
    return JobEvidence.ofSqueue(last);
  }

  private SqueueListing query() throws IOException {
    List<String> base = List.of(squeue.toString(), "--nodelist=" + nodeName, "--states=RUNNING");
    String jsonProblem = "";
    if (!textOnly) {
      List<String> cmd = with(base, "--json");
      ProcessRunner.Result r = runner.run(cmd, timeout);
      if (r.exitCode() == 0) {
        try {
          return jsonParser.parse(r.stdout(), nodeName);
        } catch (IllegalArgumentException e) {
          jsonProblem = String.join(" ", cmd) + ": " + e.getMessage();
        }
      } else {
        jsonProblem = String.join(" ", cmd) + ": exit " + r.exitCode() + ": " + r.stderr().strip();
      }
    }
    List<String> cmd = with(base, "--noheader", "--format=" + SqueueTextParser.FORMAT);
    ProcessRunner.Result r = runner.run(cmd, timeout);
    if (r.exitCode() != 0) {
      String text = String.join(" ", cmd) + ": exit " + r.exitCode() + ": " + r.stderr().strip();
      throw new IOException(jsonProblem.isEmpty() ? text : jsonProblem + "; " + text);
    }
    SqueueListing listing = SqueueTextParser.parse(r.stdout());
    if (!textOnly) {
      textOnly = true;
      LOG.log(
          Level.INFO,
          "jobs: squeue --json does not work here (" + jsonProblem + "); using --format");
    }
    return listing;
  }

  private static List<String> with(List<String> base, String... more) {
    List<String> out = new ArrayList<>(base);
    out.addAll(List.of(more));
    return out;
  }
}
