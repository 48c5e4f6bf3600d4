package io.clusterwatch.agent.jobs;

import io.clusterwatch.agent.exec.SystemProcessRunner;
import io.clusterwatch.agent.host.HostPaths;
import io.clusterwatch.agent.jobs.kubernetes.PodResourcesEvidenceSource;
import io.clusterwatch.agent.jobs.kubernetes.podresources.PodDeviceSource;
import io.clusterwatch.agent.jobs.kubernetes.podresources.PodResourcesClient;
import io.clusterwatch.agent.jobs.process.GpuProcessEvidenceSource;
import io.clusterwatch.agent.jobs.slurm.ScontrolMetadata;
import io.clusterwatch.agent.jobs.slurm.SlurmCgroupEvidenceSource;
import io.clusterwatch.agent.jobs.slurm.SlurmCgroupScanner;
import io.clusterwatch.agent.jobs.slurm.SlurmMetadata;
import io.clusterwatch.agent.jobs.slurm.SpoolCleanup;
import io.clusterwatch.agent.jobs.slurm.SpoolDirectory;
import io.clusterwatch.agent.jobs.slurm.SpoolEvidenceSource;
import io.clusterwatch.agent.jobs.slurm.SqueueEvidenceSource;
import io.clusterwatch.agent.jobs.staticjobs.StaticJobEvidenceSource;
import io.clusterwatch.protocol.message.JobEvent;
import io.clusterwatch.protocol.message.JobInfo;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Builds the running agent's job discovery from {@code jobs} ({@link JobSettings}): the spool
 * directory of the Slurm prolog/epilog, Slurm's commands on {@code $PATH} for metadata, the
 * kubelet's pod-resources socket, the static jobs, and a {@link JobMonitor} on its own thread.
 */
public final class NodeJobMonitor implements AutoCloseable {
  private static final Logger LOG = System.getLogger(NodeJobMonitor.class.getName());

  /** Longest a Slurm command or a kubelet call may take; discovery waits on its own thread. */
  static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);

  /** A failed Slurm lookup of one job is retried no sooner than this. */
  static final Duration RETRY_AFTER = Duration.ofSeconds(30);

  /**
   * How long squeue's last listing stands in for failed calls: longer than a slurmctld restart
   * usually takes, so that its jobs do not end and start again at the hub.
   */
  static final Duration SQUEUE_HOLD = Duration.ofMinutes(2);

  private final JobMonitor monitor;
  private final ScheduledExecutorService thread;

  private NodeJobMonitor(JobMonitor monitor, ScheduledExecutorService thread) {
    this.monitor = monitor;
    this.thread = thread;
  }

  /**
   * Starts discovery, or returns empty when there is nothing to discover besides static jobs (Slurm
   * off or, on {@code auto}, absent, and no pod-resources socket configured).
   *
   * @param pathVariable {@code $PATH}, where scontrol and squeue are looked for
   * @param nodeName this node's Slurm NodeName (the agent's hostname)
   * @throws IOException when the spool directory cannot be created or watched
   */
  public static Optional<NodeJobMonitor> start(
      JobSettings settings,
      List<StaticJob> staticJobs,
      HostPaths paths,
      GpuCollectorView gpus,
      String pathVariable,
      String nodeName,
      Clock clock,
      Consumer<JobEvent> events)
      throws IOException {
    ScontrolMetadata commands =
        new ScontrolMetadata(
            ScontrolMetadata.pathDirs(pathVariable),
            new SystemProcessRunner(),
            COMMAND_TIMEOUT,
            RETRY_AFTER,
            clock);
    boolean slurm =
        slurmEnabled(settings, paths, commands, ScontrolMetadata.pathDirs(pathVariable));
    boolean kubernetes = !settings.podResourcesSocket().isEmpty();
    if (!slurm && !kubernetes) {
      LOG.log(Level.INFO, "jobs: no Slurm found and no pod-resources socket set; static jobs only");
      return Optional.empty();
    }
    Optional<SpoolDirectory> spool =
        slurm ? Optional.of(new SpoolDirectory(settings.spoolDir())) : Optional.empty();
    SlurmMetadata metadata = slurm ? commands : id -> Optional.empty();
    Optional<PodDeviceSource> pods =
        kubernetes
            ? Optional.of(
                new PodResourcesClient(Path.of(settings.podResourcesSocket()), COMMAND_TIMEOUT))
            : Optional.empty();
    GpuIndexMeaning meaning =
        settings.gpuIndexMeaning().equals("nvml_index")
            ? GpuIndexMeaning.NVML_INDEX
            : GpuIndexMeaning.DEVICE_MINOR;
    Optional<JobEvidenceSource> squeue =
        slurm ? squeueSource(settings.squeue(), pathVariable, nodeName, clock) : Optional.empty();
    JobDiscovery discovery =
        new JobDiscovery(
            gpus,
            sources(spool, paths, gpus, squeue, pods, staticJobs),
            metadata,
            spool.map(SpoolCleanup::new),
            meaning,
            nodeName,
            clock);
    ScheduledExecutorService thread =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "jobs");
              t.setDaemon(true);
              return t;
            });
    JobTracker tracker = new JobTracker(clock);
    // Slurm's answers are cached per job; a job that ended is forgotten with it.
    Consumer<JobEvent> forward =
        e -> {
          if (e.event().equals(JobEvent.ENDED)) {
            commands.retainOnly(
                tracker.jobs().stream().map(JobInfo::jobId).collect(Collectors.toSet()));
          }
          events.accept(e);
        };
    try {
      // The first discovery waits for the first GPU reading (runSoon from the first tick).
      JobMonitor monitor =
          new JobMonitor(
              discovery, tracker, spool, settings.interval(), settings.interval(), thread, forward);
      LOG.log(
          Level.INFO,
          "jobs: discovery every {0} s (Slurm {1}, spool {2}, Slurm commands {3}, squeue listing {4},"
              + " Kubernetes {5})",
          settings.interval().toSeconds(),
          slurm ? "on" : "off",
          settings.spoolDir(),
          commands.available() ? "found" : "absent",
          squeue.isEmpty() ? "off" : settings.squeue() == JobSettings.Mode.ON ? "on" : "auto",
          kubernetes ? settings.podResourcesSocket() : "off");
      return Optional.of(new NodeJobMonitor(monitor, thread));
    } catch (IOException | RuntimeException e) {
      thread.shutdownNow();
      throw e;
    }
  }

  /**
   * squeue's listing of this node, unless {@code jobs.slurm.squeue} is false or there is no squeue.
   */
  private static Optional<JobEvidenceSource> squeueSource(
      JobSettings.Mode mode, String pathVariable, String nodeName, Clock clock) {
    if (mode == JobSettings.Mode.OFF) {
      return Optional.empty();
    }
    Optional<Path> squeue = SqueueEvidenceSource.find(ScontrolMetadata.pathDirs(pathVariable));
    if (squeue.isEmpty()) {
      if (mode == JobSettings.Mode.ON) {
        LOG.log(
            Level.WARNING, "jobs.slurm.squeue is true but there is no squeue on $PATH; not asked");
      }
      return Optional.empty();
    }
    return Optional.of(
        new SqueueEvidenceSource(
            squeue.get(),
            nodeName,
            mode == JobSettings.Mode.AUTO,
            new SystemProcessRunner(),
            COMMAND_TIMEOUT,
            SQUEUE_HOLD,
            clock));
  }

  /**
   * The evidence sources in the order discovery reads them: the spool, Slurm's cgroups, NVML's
   * processes, squeue's listing (after the three it falls back on), the kubelet, the config. Off
   * Slurm the spool and squeue are absent and the cgroup scan finds nothing; off Kubernetes there
   * is no kubelet source.
   */
  static List<JobEvidenceSource> sources(
      Optional<SpoolDirectory> spool,
      HostPaths paths,
      GpuProcessSource gpus,
      Optional<JobEvidenceSource> squeue,
      Optional<PodDeviceSource> pods,
      List<StaticJob> staticJobs) {
    List<JobEvidenceSource> sources = new ArrayList<>();
    spool.ifPresent(s -> sources.add(new SpoolEvidenceSource(s)));
    sources.add(new SlurmCgroupEvidenceSource(paths));
    sources.add(new GpuProcessEvidenceSource(paths, gpus));
    squeue.ifPresent(sources::add);
    pods.ifPresent(p -> sources.add(new PodResourcesEvidenceSource(p)));
    sources.add(new StaticJobEvidenceSource(staticJobs));
    return sources;
  }

  /**
   * {@code auto}: a compute node that has run no job since boot has neither the spool directory
   * (tmpfs) nor Slurm's job cgroups yet, so slurmd or Slurm's commands count as well.
   */
  private static boolean slurmEnabled(
      JobSettings s, HostPaths paths, ScontrolMetadata commands, List<Path> pathDirs) {
    switch (s.slurm()) {
      case ON:
        return true;
      case OFF:
        return false;
      default:
        return Files.isDirectory(s.spoolDir())
            || new SlurmCgroupScanner(paths).slurmTreePresent()
            || commands.available()
            || hasSlurmd(pathDirs);
    }
  }

  private static boolean hasSlurmd(List<Path> pathDirs) {
    List<Path> dirs = new ArrayList<>(pathDirs);
    dirs.add(Path.of("/usr/sbin"));
    dirs.add(Path.of("/usr/local/sbin"));
    return dirs.stream().map(d -> d.resolve("slurmd")).anyMatch(Files::isExecutable);
  }

  /** One discovery now (e.g. the GPUs were just read for the first time). */
  public void runSoon() {
    monitor.runSoon();
  }

  /** The jobs of the last discovery, for the snapshot the shipper sends after each hello. */
  public List<JobInfo> jobs() {
    return monitor.jobs();
  }

  @Override
  public void close() throws IOException {
    monitor.close();
    thread.shutdownNow();
  }
}
