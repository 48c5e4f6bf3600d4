package io.clusterwatch.agent.jobs.slurm;

import io.clusterwatch.agent.jobs.GpuProcessEvidence;
import io.clusterwatch.agent.jobs.GpuResolver;
import io.clusterwatch.agent.jobs.JobEvidence;
import io.clusterwatch.agent.jobs.JobIds;
import io.clusterwatch.agent.jobs.PodCgroup;
import io.clusterwatch.agent.jobs.SlurmCgroup;
import io.clusterwatch.agent.jobs.StartTimes;
import io.clusterwatch.protocol.message.JobInfo;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
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
 * The Slurm jobs of this node from the evidence of every source (ecosystem.md A1): the spool
 * records, the job cgroups and their environment, NVML processes in a job's cgroup or with its
 * {@code SLURM_JOB_ID}, and Slurm's own record. Reads nothing and deletes nothing: which spool
 * records are finished with is part of the result. One instance per set of GPUs.
 *
 * <p>Precedence of squeue's listing ({@link SqueueEvidenceSource}): the spool, the cgroups and the
 * processes decide which jobs run here; squeue only adds a job that none of them knows, neither
 * running nor ended (an epilog record wins over a listing made a moment before the job ended), nor
 * by its SLUID. Such a job's GPUs come from Slurm's record (GRES {@code IDX}), read with the
 * configured index meaning like every other Slurm index.
 */
public final class SlurmJobMerge {
  private static final Logger LOG = System.getLogger(SlurmJobMerge.class.getName());

  /** A prolog record with no cgroup after this long, on a node with Slurm cgroups, is stale. */
  public static final Duration STALE_PROLOG_GRACE = Duration.ofMinutes(2);

  private final GpuResolver resolver;
  private final String nodeName;

  /**
   * @param resolver this node's GPUs, reading indices as the configured index meaning says
   * @param nodeName this node's Slurm NodeName, to pick its entry of a multi-node job's GRES
   */
  public SlurmJobMerge(GpuResolver resolver, String nodeName) {
    this.resolver = resolver;
    this.nodeName = nodeName;
  }

  /**
   * @param jobs the running jobs, numeric job ids in numeric order, SLUIDs after them
   * @param staleSpoolJobs job ids whose prolog record has outlived {@link #STALE_PROLOG_GRACE}
   *     without a cgroup
   * @param endedSpoolJobs job ids whose epilog ran and whose cgroup is gone
   */
  public record Result(
      List<JobInfo> jobs, List<String> staleSpoolJobs, List<String> endedSpoolJobs) {}

  /** What the evidence says before Slurm's records are added. */
  private record Pass(
      Map<String, SlurmJobEvidence> running,
      List<String> staleSpoolJobs,
      List<String> endedSpoolJobs) {}

  /** The running jobs that Slurm can be asked about (known by job id, not only by SLUID). */
  public List<String> jobsToLookUp(JobEvidence evidence, long nowMs) {
    return gather(evidence, nowMs).running().keySet().stream().filter(JobIds::isNumeric).toList();
  }

  /**
   * @param starts when each job was first seen, for a job whose start no source tells
   */
  public Result merge(JobEvidence evidence, long nowMs, StartTimes starts) {
    Pass pass = gather(evidence, nowMs);
    List<JobInfo> out = new ArrayList<>();
    for (SlurmJobEvidence e : pass.running().values()) {
      addRecord(e, evidence.slurmRecords());
      out.add(toJobInfo(e, starts));
    }
    out.sort(Comparator.comparing(JobInfo::jobId, JobIds::compare));
    return new Result(out, pass.staleSpoolJobs(), pass.endedSpoolJobs());
  }

  private Pass gather(JobEvidence evidence, long nowMs) {
    Map<String, SlurmJobEvidence> jobs = new LinkedHashMap<>();
    Map<String, String> sluidToJob = new HashMap<>();
    Map<String, SpoolRecord> spooled = new LinkedHashMap<>();
    evidence.spool().forEach(r -> spooled.put(r.jobId(), r));
    Set<String> ended = new LinkedHashSet<>();

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
    for (SlurmCgroupJob cgroup : evidence.slurmCgroups()) {
      SlurmCgroup owner = cgroup.owner();
      Optional<String> id = jobIdOf(owner, cgroup.processes(), sluidToJob);
      SlurmJobEvidence e =
          jobs.computeIfAbsent(
              id.orElseGet(() -> owner.sluid().orElseThrow()), SlurmJobEvidence::new);
      e.cgroupSeen = true;
      owner.sluid().ifPresent(s -> e.sluid = s);
      owner.uid().ifPresent(u -> e.uid = Long.toString(u));
      withCgroup.add(e.jobId);
      withCgroup.add(e.sluid);
      for (SlurmEnvironment env : cgroup.processes()) {
        applyEnvironment(env, e);
      }
    }

    for (GpuProcessEvidence p : evidence.gpuProcesses()) {
      String gpu = p.process().gpuUuid();
      if (p.owner().isPresent() && p.owner().get() instanceof PodCgroup) {
        continue; // a pod's: see PodJobMerge
      }
      if (p.owner().isPresent()) {
        SlurmCgroup s = (SlurmCgroup) p.owner().get();
        Optional<String> id = jobIdOf(s, List.of(p.environment()), sluidToJob);
        SlurmJobEvidence e =
            jobs.computeIfAbsent(
                id.orElseGet(() -> s.sluid().orElseThrow()), SlurmJobEvidence::new);
        e.cgroupSeen = true;
        s.sluid().ifPresent(x -> e.sluid = x);
        e.processGpus.add(gpu);
        applyEnvironment(p.environment(), e);
        continue;
      }
      if (p.environment().namesNumericJob()) {
        SlurmJobEvidence e = jobs.computeIfAbsent(p.environment().jobId(), SlurmJobEvidence::new);
        e.processGpus.add(gpu);
        applyEnvironment(p.environment(), e);
      }
    }

    Set<String> knownSluids = new HashSet<>(sluidToJob.keySet());
    jobs.values().forEach(e -> knownSluids.add(e.sluid));
    for (SqueueJob q : evidence.squeueJobs()) {
      SlurmJobRecord record = evidence.slurmRecords().get(q.jobId());
      boolean knownBySluid =
          record != null
              && record.sluid().isPresent()
              && knownSluids.contains(record.sluid().get());
      if (jobs.containsKey(q.jobId()) || spooled.containsKey(q.jobId()) || knownBySluid) {
        continue;
      }
      SlurmJobEvidence e = new SlurmJobEvidence(q.jobId());
      e.squeueSeen = true;
      e.user = q.user();
      e.uid = q.uid();
      e.name = q.name();
      putIfPresent(e.attributes, "account", q.account());
      putIfPresent(e.attributes, "partition", q.partition());
      jobs.put(q.jobId(), e);
    }

    Map<String, SlurmJobEvidence> running = new LinkedHashMap<>();
    List<String> stale = new ArrayList<>();
    boolean slurmTree = !spooled.isEmpty() && evidence.slurmCgroupTree();
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
        stale.add(e.jobId);
        continue;
      }
      running.put(e.jobId, e);
    }
    List<String> endedAndGone = new ArrayList<>();
    for (String id : ended) {
      if (!withCgroup.contains(id) && !withCgroup.contains(spooled.get(id).sluid())) {
        endedAndGone.add(id);
      }
    }
    return new Pass(running, stale, endedAndGone);
  }

  /**
   * The job id of a cgroup: from its path, else its SLUID via the prolog, else its processes'
   * environment.
   */
  private static Optional<String> jobIdOf(
      SlurmCgroup owner, List<SlurmEnvironment> processes, Map<String, String> sluidToJob) {
    if (owner.jobId().isPresent()) {
      return owner.jobId();
    }
    String viaProlog = sluidToJob.get(owner.sluid().orElseThrow());
    if (viaProlog != null) {
      return Optional.of(viaProlog);
    }
    for (SlurmEnvironment env : processes) {
      if (env.namesNumericJob()) {
        return Optional.of(env.jobId());
      }
    }
    return Optional.empty();
  }

  /**
   * Environment of a job process: SLURM_JOB_GPUS are host indices; CUDA_VISIBLE_DEVICES only by
   * UUID.
   */
  private void applyEnvironment(SlurmEnvironment env, SlurmJobEvidence e) {
    if (env.jobId().isEmpty()) {
      return;
    }
    if (!env.jobId().equals(e.jobId)) {
      LOG.log(
          Level.DEBUG,
          "pid "
              + env.pid()
              + " of job "
              + e.jobId
              + " says SLURM_JOB_ID="
              + env.jobId()
              + "; ignored");
      return;
    }
    e.environmentSeen = true;
    if (env.jobGpus().isPresent()) {
      GpuResolver.Resolution r = resolver.resolveList(env.jobGpus().get(), true);
      e.addEnvironmentGpus(r.uuids());
      addUnresolved(e, r.unresolved());
    }
    String cuda = env.cudaVisibleDevices().orElse("");
    if (!cuda.isBlank() && !cuda.chars().allMatch(c -> Character.isDigit(c) || c == ',')) {
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

  /** Slurm's record of the job: user, name, limits, and the GRES indices on this node. */
  private void addRecord(SlurmJobEvidence e, Map<String, SlurmJobRecord> records) {
    e.attributes.put("scheduler", "slurm");
    if (!JobIds.isNumeric(e.jobId)) {
      return; // known only by SLUID: Slurm cannot be asked by job id
    }
    SlurmJobRecord r = records.get(e.jobId);
    if (r == null) {
      return;
    }
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

  private JobInfo toJobInfo(SlurmJobEvidence e, StartTimes starts) {
    Map<String, String> attrs = new LinkedHashMap<>(e.attributes);
    putIfPresent(attrs, "sluid", e.sluid);
    putIfPresent(attrs, "uid", e.uid);
    Set<String> outside = e.gpusOutsideAllocation();
    if (!outside.isEmpty()) {
      attrs.put("gpus_outside_allocation", String.join(",", resolver.inIndexOrder(outside)));
    }
    if (!e.unresolved.isEmpty()) {
      attrs.put("unresolved_gpus", String.join(",", e.unresolved));
    }
    long start = e.startMs > 0 ? e.startMs : starts.firstSeen(e.jobId);
    if (e.startMs > 0) {
      starts.known(e.jobId, e.startMs);
    }
    return new JobInfo(
        e.jobId, e.user, e.name, resolver.inIndexOrder(e.gpus()), start, e.source(), attrs);
  }

  private static void putIfPresent(Map<String, String> m, String k, String v) {
    if (v != null && !v.isEmpty()) {
      m.put(k, v);
    }
  }
}
