package io.clusterwatch.agent.jobs;

import io.clusterwatch.agent.host.HostPaths;
import io.clusterwatch.agent.jobs.podresources.PodDeviceSource;
import io.clusterwatch.protocol.message.JobInfo;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which job owns which GPU of this node, from what the node itself knows (ecosystem.md A1, A2):
 *
 * <ol>
 *   <li>the prolog/epilog spool files (job id, SLUID, user, host GPU indices);
 *   <li>NVML's running processes, PID to {@code /proc/<pid>/cgroup} to Slurm job or Kubernetes pod;
 *   <li>Slurm job cgroups on the node and the environment of their processes ({@code SLURM_JOB_ID},
 *       {@code SLURM_JOB_GPUS}, UUIDs in {@code CUDA_VISIBLE_DEVICES});
 *   <li>Slurm's record of the job ({@link ScontrolMetadata}: {@code scontrol show job --json}, else
 *       {@code squeue --json}, else {@code scontrol show job -d}) for user, name, account,
 *       partition, reservation, limit and the GRES indices on this node;
 *   <li>the kubelet pod-resources API: namespace, pod and the GPUs allocated to its containers;
 *   <li>static jobs from the agent config.
 * </ol>
 *
 * Every GPU ends up named by UUID; indices count only where Slurm defines them as host indices, read
 * with the configured {@link GpuIndexMeaning}. One instance is used from one thread at a time.
 */
public final class JobDiscovery {
  private static final Logger LOG = System.getLogger(JobDiscovery.class.getName());
  /** A prolog record with no cgroup after this long, on a node with Slurm cgroups, is stale. */
  static final Duration STALE_PROLOG_GRACE = Duration.ofMinutes(2);

  private final ProcReader proc;
  private final SlurmCgroupScanner cgroups;
  private final GpuInventory inventory;
  private final GpuProcessSource gpuProcesses;
  private final List<StaticJob> staticJobs;
  private final SlurmMetadata slurm;
  private final Optional<SpoolDirectory> spool;
  private final PodDeviceSource podDevices;
  private final GpuIndexMeaning indexMeaning;
  private final String nodeName;
  private final Clock clock;
  private final Map<String, Long> firstSeenMs = new HashMap<>();

  /**
   * @param slurm Slurm's job records; {@code id -> Optional.empty()} where Slurm's commands are absent
   * @param spool the prolog/epilog spool directory, if Slurm hooks are installed
   * @param podDevices the kubelet's device assignments; {@code List::of} off Kubernetes
   * @param nodeName this node's Slurm NodeName, to pick its entry of a multi-node job's GRES
   */
  public JobDiscovery(
      HostPaths paths,
      GpuInventory inventory,
      GpuProcessSource gpuProcesses,
      List<StaticJob> staticJobs,
      SlurmMetadata slurm,
      Optional<SpoolDirectory> spool,
      PodDeviceSource podDevices,
      GpuIndexMeaning indexMeaning,
      String nodeName,
      Clock clock) {
    this.proc = new ProcReader(paths);
    this.cgroups = new SlurmCgroupScanner(paths);
    this.inventory = inventory;
    this.gpuProcesses = gpuProcesses;
    this.staticJobs = List.copyOf(staticJobs);
    this.slurm = slurm;
    this.spool = spool;
    this.podDevices = podDevices;
    this.indexMeaning = indexMeaning;
    this.nodeName = nodeName;
    this.clock = clock;
  }

  /** Every job on this node now: Slurm jobs by job id, then pods, then static jobs. */
  public List<JobInfo> discover() {
    long nowMs = clock.millis();
    List<GpuDevice> devices = inventory.devices();
    GpuResolver resolver = new GpuResolver(devices, indexMeaning);
    Map<String, SlurmJobEvidence> jobs = new LinkedHashMap<>();
    Map<String, String> sluidToJob = new HashMap<>();
    Map<String, SpoolRecord> spooled = spool.map(SpoolDirectory::read).orElse(Map.of());
    Set<String> ended = new HashSet<>();

    for (SpoolRecord r : spooled.values()) {
      if (!r.sluid().isEmpty()) {
        sluidToJob.put(r.sluid(), r.jobId());
      }
      if (r.ended()) {
        ended.add(r.jobId());
        continue;
      }
      SlurmJobEvidence e = jobs.computeIfAbsent(r.jobId(), SlurmJobEvidence::new);
      GpuResolver.Resolution gpus =
          resolver.resolveList(r.jobGpus().isEmpty() ? r.cudaVisibleDevices() : r.jobGpus(), true);
      e.prologGpus = new LinkedHashSet<>(gpus.uuids());
      e.unresolved.addAll(gpus.unresolved());
      e.sluid = r.sluid();
      e.user = r.user();
      e.uid = r.uid();
      putIfPresent(e.attributes, "account", r.account());
      putIfPresent(e.attributes, "partition", r.partition());
      e.startMs = r.timeEpochSeconds() * 1000;
    }

    Set<String> withCgroup = new HashSet<>();
    for (SlurmCgroupScanner.ScannedJob scanned : cgroups.scan()) {
      SlurmCgroup owner = scanned.owner();
      Optional<String> id = jobIdOf(owner, scanned.pids(), sluidToJob);
      SlurmJobEvidence e = jobs.computeIfAbsent(id.orElseGet(() -> owner.sluid().orElseThrow()), SlurmJobEvidence::new);
      e.cgroupSeen = true;
      owner.sluid().ifPresent(s -> e.sluid = s);
      owner.uid().ifPresent(u -> e.uid = Long.toString(u));
      withCgroup.add(e.jobId);
      withCgroup.add(e.sluid);
      for (long pid : scanned.pids()) {
        readEnvironment(pid, e, resolver);
      }
    }

    Map<String, KubernetesJobs.CgroupPod> pods = new LinkedHashMap<>();
    for (GpuProcess p : gpuProcesses.processes()) {
      Optional<CgroupOwner> owner = proc.owner(p.pid());
      if (owner.isPresent() && owner.get() instanceof PodCgroup) {
        PodCgroup pod = (PodCgroup) owner.get();
        pods.computeIfAbsent(pod.podUid(), u -> new KubernetesJobs.CgroupPod(pod)).gpus.add(p.gpuUuid());
        continue;
      }
      if (owner.isPresent()) {
        SlurmCgroup s = (SlurmCgroup) owner.get();
        Optional<String> id = jobIdOf(s, List.of(p.pid()), sluidToJob);
        SlurmJobEvidence e = jobs.computeIfAbsent(id.orElseGet(() -> s.sluid().orElseThrow()), SlurmJobEvidence::new);
        e.cgroupSeen = true;
        s.sluid().ifPresent(x -> e.sluid = x);
        e.processGpus.add(p.gpuUuid());
        readEnvironment(p.pid(), e, resolver);
        continue;
      }
      String envJob = proc.environ(p.pid()).getOrDefault("SLURM_JOB_ID", "");
      if (!envJob.isEmpty() && envJob.chars().allMatch(Character::isDigit)) {
        SlurmJobEvidence e = jobs.computeIfAbsent(envJob, SlurmJobEvidence::new);
        e.processGpus.add(p.gpuUuid());
        readEnvironment(p.pid(), e, resolver);
      }
    }

    List<JobInfo> out = new ArrayList<>();
    Set<String> live = new HashSet<>();
    boolean slurmTree = !spooled.isEmpty() && cgroups.slurmTreePresent();
    for (SlurmJobEvidence e : jobs.values()) {
      if (ended.contains(e.jobId)) {
        continue;
      }
      SpoolRecord rec = spooled.get(e.jobId);
      if (rec != null
          && !e.cgroupSeen
          && e.processGpus.isEmpty()
          && slurmTree
          && nowMs - rec.timeEpochSeconds() * 1000 > STALE_PROLOG_GRACE.toMillis()) {
        LOG.log(Level.INFO, "job " + e.jobId + " has a prolog record but no cgroup; treating it as ended");
        spool.ifPresent(s -> s.remove(e.jobId));
        continue;
      }
      addMetadata(e, resolver);
      live.add(e.jobId);
      out.add(toJobInfo(e, devices, nowMs));
    }
    for (String id : ended) {
      if (!withCgroup.contains(id) && !withCgroup.contains(spooled.get(id).sluid())) {
        spool.ifPresent(s -> s.remove(id));
      }
    }
    out.sort(Comparator.comparing(JobInfo::jobId, JobDiscovery::compareJobIds));
    for (JobInfo pod : KubernetesJobs.jobs(pods, podDevices.list(), resolver, devices, id -> firstSeen(id, nowMs))) {
      live.add(pod.jobId());
      out.add(pod);
    }
    for (StaticJob s : staticJobs) {
      GpuResolver.Resolution r = resolver.resolveAll(s.gpus(), false);
      Map<String, String> attrs = new LinkedHashMap<>(s.attributes());
      attrs.put("scheduler", "static");
      if (!r.unresolved().isEmpty()) {
        attrs.put("unresolved_gpus", String.join(",", r.unresolved()));
      }
      live.add(s.id());
      out.add(
          new JobInfo(
              s.id(), s.user(), s.name(), ordered(r.uuids(), devices), firstSeen(s.id(), nowMs), "static config", attrs));
    }
    firstSeenMs.keySet().retainAll(live);
    return out;
  }

  /** The job id of a cgroup: from its path, else its SLUID via the prolog, else its processes' environment. */
  private Optional<String> jobIdOf(SlurmCgroup owner, List<Long> pids, Map<String, String> sluidToJob) {
    if (owner.jobId().isPresent()) {
      return owner.jobId();
    }
    String viaProlog = sluidToJob.get(owner.sluid().orElseThrow());
    if (viaProlog != null) {
      return Optional.of(viaProlog);
    }
    for (long pid : pids) {
      String id = proc.environ(pid).getOrDefault("SLURM_JOB_ID", "");
      if (!id.isEmpty() && id.chars().allMatch(Character::isDigit)) {
        return Optional.of(id);
      }
    }
    return Optional.empty();
  }

  /** Environment of a job process: SLURM_JOB_GPUS are host indices; CUDA_VISIBLE_DEVICES only by UUID. */
  private void readEnvironment(long pid, SlurmJobEvidence e, GpuResolver resolver) {
    Map<String, String> env = proc.environ(pid);
    String id = env.getOrDefault("SLURM_JOB_ID", "");
    if (id.isEmpty()) {
      return;
    }
    if (!id.equals(e.jobId)) {
      LOG.log(Level.DEBUG, "pid " + pid + " of job " + e.jobId + " says SLURM_JOB_ID=" + id + "; ignored");
      return;
    }
    e.environmentSeen = true;
    String jobGpus = env.get("SLURM_JOB_GPUS");
    if (jobGpus != null) {
      GpuResolver.Resolution r = resolver.resolveList(jobGpus, true);
      e.addEnvironmentGpus(r.uuids());
      addUnresolved(e, r.unresolved());
    }
    String cuda = env.get("CUDA_VISIBLE_DEVICES");
    if (cuda != null && !cuda.isBlank() && !cuda.chars().allMatch(c -> Character.isDigit(c) || c == ',')) {
      GpuResolver.Resolution r = resolver.resolveList(cuda, false);
      e.addEnvironmentGpus(r.uuids());
      addUnresolved(e, r.unresolved());
    }
  }

  private static void addUnresolved(SlurmJobEvidence e, List<String> names) {
    for (String n : names) {
      if (!e.unresolved.contains(n)) {
        e.unresolved.add(n);
      }
    }
  }

  private void addMetadata(SlurmJobEvidence e, GpuResolver resolver) {
    e.attributes.put("scheduler", "slurm");
    if (!e.jobId.chars().allMatch(Character::isDigit)) {
      return; // known only by SLUID: Slurm cannot be asked by job id
    }
    Optional<SlurmJobRecord> rec = slurm.lookup(e.jobId);
    if (rec.isEmpty()) {
      return;
    }
    SlurmJobRecord r = rec.get();
    putIfPresent(e.attributes, "account", r.account());
    putIfPresent(e.attributes, "partition", r.partition());
    putIfPresent(e.attributes, "reservation", r.reservation());
    if (r.timeLimitInfinite()) {
      e.attributes.put("time_limit_minutes", "UNLIMITED");
    } else {
      r.timeLimitMinutes().ifPresent(m -> e.attributes.put("time_limit_minutes", Long.toString(m)));
    }
    if (!r.user().isEmpty()) {
      e.user = r.user();
    }
    e.name = r.name();
    r.sluid().ifPresent(s -> e.sluid = s);
    r.startTimeEpochSeconds().ifPresent(s -> e.startMs = s * 1000);
    List<Integer> indices = r.gpuIndicesByNode().get(nodeName);
    if (indices == null && r.gpuIndicesByNode().size() == 1) {
      indices = r.gpuIndicesByNode().values().iterator().next();
    }
    if (indices != null) {
      GpuResolver.Resolution res =
          resolver.resolveAll(indices.stream().map(String::valueOf).toList(), true);
      e.scontrolGpus = new LinkedHashSet<>(res.uuids());
      addUnresolved(e, res.unresolved());
    }
  }

  private JobInfo toJobInfo(SlurmJobEvidence e, List<GpuDevice> devices, long nowMs) {
    Map<String, String> attrs = new LinkedHashMap<>(e.attributes);
    putIfPresent(attrs, "sluid", e.sluid);
    putIfPresent(attrs, "uid", e.uid);
    Set<String> outside = e.gpusOutsideAllocation();
    if (!outside.isEmpty()) {
      attrs.put("gpus_outside_allocation", String.join(",", ordered(outside, devices)));
    }
    if (!e.unresolved.isEmpty()) {
      attrs.put("unresolved_gpus", String.join(",", e.unresolved));
    }
    long start = e.startMs > 0 ? e.startMs : firstSeen(e.jobId, nowMs);
    if (e.startMs > 0) {
      firstSeenMs.put(e.jobId, e.startMs);
    }
    return new JobInfo(e.jobId, e.user, e.name, ordered(e.gpus(), devices), start, e.source(), attrs);
  }

  private long firstSeen(String id, long nowMs) {
    return firstSeenMs.computeIfAbsent(id, k -> nowMs);
  }

  /** UUIDs in NVML index order, unknown ones last. */
  static List<String> ordered(Set<String> uuids, List<GpuDevice> devices) {
    List<String> out = new ArrayList<>();
    for (GpuDevice d : devices) {
      if (uuids.contains(d.uuid())) {
        out.add(d.uuid());
      }
    }
    for (String u : uuids) {
      if (!out.contains(u)) {
        out.add(u);
      }
    }
    return out;
  }

  private static void putIfPresent(Map<String, String> m, String k, String v) {
    if (v != null && !v.isEmpty()) {
      m.put(k, v);
    }
  }

  /** Numeric job ids in numeric order, SLUIDs after them. */
  static int compareJobIds(String a, String b) {
    boolean an = !a.isEmpty() && a.length() < 19 && a.chars().allMatch(Character::isDigit);
    boolean bn = !b.isEmpty() && b.length() < 19 && b.chars().allMatch(Character::isDigit);
    if (an && bn) {
      return Long.compare(Long.parseLong(a), Long.parseLong(b));
    }
    if (an != bn) {
      return an ? -1 : 1;
    }
    return a.compareTo(b);
  }
}
