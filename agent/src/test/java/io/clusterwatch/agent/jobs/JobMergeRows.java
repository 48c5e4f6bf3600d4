package io.clusterwatch.agent.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterwatch.agent.gpu.GpuProcess;
import io.clusterwatch.agent.jobs.slurm.SlurmCgroupJob;
import io.clusterwatch.agent.jobs.slurm.SlurmEnvironment;
import io.clusterwatch.agent.jobs.slurm.SlurmJobMerge;
import io.clusterwatch.agent.jobs.slurm.SlurmJobRecord;
import io.clusterwatch.agent.jobs.slurm.SpoolFileParser;
import io.clusterwatch.agent.jobs.slurm.SqueueJob;
import io.clusterwatch.agent.jobs.slurm.SqueueListing;
import io.clusterwatch.protocol.message.JobInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * Rows for the merge's table tests: evidence as the sources would hand it over, and the job set,
 * stale and ended spool records it must come to. The GPUs are {@link JobDiscoveryFixture#GPUS},
 * whose device minors run opposite to their NVML indices.
 */
final class JobMergeRows {
  static final long NOW_MS = JobDiscoveryFixture.NOW.toEpochMilli();
  static final long NOW_S = JobDiscoveryFixture.NOW.getEpochSecond();
  static final long PROLOG_S = NOW_S - 10;
  static final long GRACE_S = SlurmJobMerge.STALE_PROLOG_GRACE.toSeconds();

  /**
   * @param meaning how Slurm's indices are read
   * @param firstSeen first-seen times from the previous merge
   */
  record Row(
      String name,
      GpuIndexMeaning meaning,
      JobEvidence evidence,
      Map<String, Long> firstSeen,
      List<JobInfo> jobs,
      List<String> staleSpool,
      List<String> endedSpool) {
    @Override
    public String toString() {
      return name;
    }
  }

  private JobMergeRows() {}

  /** Merges the row's evidence on node gpu01 and checks it comes to the row's outcome. */
  static void assertMerges(Row row) {
    MergedJobs merged =
        new JobMerge(JobDiscoveryFixture.GPUS, row.meaning(), "gpu01")
            .merge(row.evidence(), row.firstSeen(), NOW_MS);

    assertEquals(row.jobs(), merged.jobs());
    assertEquals(row.staleSpool(), merged.staleSpoolJobs());
    assertEquals(row.endedSpool(), merged.endedSpoolJobs());
    assertEquals(
        row.jobs().stream().map(JobInfo::jobId).collect(Collectors.toSet()),
        merged.firstSeenMs().keySet(),
        "first-seen times are kept for the jobs that run, and only for them");
  }

  static Row row(String name, JobEvidence evidence, JobInfo... jobs) {
    return new Row(
        name,
        GpuIndexMeaning.DEVICE_MINOR,
        evidence,
        Map.of(),
        List.of(jobs),
        List.of(),
        List.of());
  }

  static String uuid(int index) {
    return JobDiscoveryFixture.GPUS.get(index).uuid();
  }

  static JobEvidence spool(String jobId, String content) {
    return JobEvidence.ofSpool(List.of(SpoolFileParser.parse(jobId + ".job", content + "\n")));
  }

  /**
   * squeue's listing of one job in partition gpu, account lab, with Slurm's record when JSON
   * carried it.
   */
  static JobEvidence squeue(
      String id, String user, String uid, String name, Optional<SlurmJobRecord> r) {
    return JobEvidence.ofSqueue(
        new SqueueListing(
            List.of(new SqueueJob(id, user, uid, name, "lab", "gpu")),
            r.map(x -> Map.of(id, x)).orElse(Map.of())));
  }

  static JobEvidence cgroup(String path, SlurmEnvironment... processes) {
    SlurmCgroup owner = (SlurmCgroup) CgroupPathParser.parsePath(path).orElseThrow();
    return JobEvidence.ofSlurmCgroups(List.of(new SlurmCgroupJob(owner, List.of(processes))), true);
  }

  static SlurmEnvironment env(long pid, String... variables) {
    Map<String, String> env = new LinkedHashMap<>();
    for (String v : variables) {
      String[] kv = v.split("=", 2);
      env.put(kv[0], kv[1]);
    }
    return SlurmEnvironment.of(pid, env);
  }

  static GpuProcessEvidence process(
      int gpuIndex, long pid, String cgroupPath, String... variables) {
    Optional<CgroupOwner> owner = CgroupPathParser.parsePath(cgroupPath);
    GpuProcess p = new GpuProcess(uuid(gpuIndex), gpuIndex, pid, OptionalLong.empty());
    boolean pod = owner.isPresent() && owner.get() instanceof PodCgroup;
    return new GpuProcessEvidence(p, owner, pod ? SlurmEnvironment.none(pid) : env(pid, variables));
  }

  static JobEvidence processes(GpuProcessEvidence... processes) {
    return JobEvidence.ofGpuProcesses(Arrays.asList(processes));
  }

  static SlurmJobRecord record(
      String jobId, String user, String name, String account, List<Integer> gpus) {
    return new SlurmJobRecord(
        jobId,
        Optional.empty(),
        user,
        name,
        account,
        "",
        "",
        List.of("RUNNING"),
        Optional.of(120L),
        false,
        Optional.of(1_795_000_000L),
        Map.of("gpu01", gpus));
  }

  /** A Slurm job: {@code scheduler=slurm} plus the given attributes. */
  static JobInfo slurmJob(
      String id,
      String user,
      String name,
      List<String> gpus,
      long startMs,
      String source,
      String... attributes) {
    List<String> kv = new ArrayList<>(List.of("scheduler", "slurm"));
    kv.addAll(List.of(attributes));
    return new JobInfo(id, user, name, gpus, startMs, source, attrs(kv.toArray(String[]::new)));
  }

  static Map<String, String> attrs(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }
}
