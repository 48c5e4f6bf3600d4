package io.clusterwatch.agent.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterwatch.agent.gpu.GpuProcess;
import io.clusterwatch.agent.jobs.kubernetes.podresources.ContainerDevices;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The merge alone, one row per case: evidence as the sources would hand it over, and the job set,
 * stale and ended spool records it must come to. The GPUs are {@link JobDiscoveryTest#GPUS}, whose
 * device minors run opposite to their NVML indices.
 */
class JobMergeTest {
  static final long NOW_MS = JobDiscoveryTest.NOW.toEpochMilli();
  static final long NOW_S = JobDiscoveryTest.NOW.getEpochSecond();
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

  static Stream<Row> rows() {
    return Stream.of(
        row(
            "spool only: the prolog's host indices are device minors",
            spool(
                "6",
                "event=started\njob_id=6\nuser=carol\nuid=1001\naccount=lab\ngpus=2,0\ntime="
                    + PROLOG_S),
            slurmJob(
                "6",
                "carol",
                "",
                List.of(uuid(1), uuid(3)),
                PROLOG_S * 1000,
                "slurm: prolog only",
                "account",
                "lab",
                "uid",
                "1001")),
        new Row(
            "GPU index remapping: the same prolog read as NVML indices",
            GpuIndexMeaning.NVML_INDEX,
            spool("6", "event=started\njob_id=6\nuser=carol\ngpus=2,0\ntime=" + PROLOG_S),
            Map.of(),
            List.of(
                slurmJob(
                    "6",
                    "carol",
                    "",
                    List.of(uuid(0), uuid(2)),
                    PROLOG_S * 1000,
                    "slurm: prolog only")),
            List.of(),
            List.of()),
        row(
            "the prolog's CUDA_VISIBLE_DEVICES stands in for an empty SLURM_JOB_GPUS",
            spool("7", "event=started\njob_id=7\ngpus=\ncuda_visible_devices=3\ntime=" + PROLOG_S),
            slurmJob("7", "", "", List.of(uuid(0)), PROLOG_S * 1000, "slurm: prolog only")),
        row(
            "cgroup only (v1, no readable environment): the uid, no GPU information",
            cgroup("/slurm/uid_1000/job_31/step_batch/task_0", env(300)),
            slurmJob(
                "31",
                "",
                "",
                List.of(),
                NOW_MS,
                "slurm: cgroup (no GPU information)",
                "uid",
                "1000")),
        row(
            "cgroup and environment agree; CUDA indices inside the job are not host GPUs",
            cgroup(
                "/system.slice/slurmstepd.scope/job_31/step_0",
                env(300, "SLURM_JOB_ID=31", "SLURM_JOB_GPUS=0", "CUDA_VISIBLE_DEVICES=0")),
            slurmJob("31", "", "", List.of(uuid(3)), NOW_MS, "slurm: cgroup + environment agree")),
        row(
            "conflicting sources: prolog and environment name other GPUs, both are kept",
            spool("8", "event=started\njob_id=8\ngpus=1\ntime=" + PROLOG_S)
                .plus(
                    cgroup(
                        "/system.slice/slurmstepd.scope/job_8/step_0",
                        env(801, "SLURM_JOB_ID=8", "SLURM_JOB_GPUS=3"))),
            slurmJob(
                "8",
                "",
                "",
                List.of(uuid(0), uuid(2)),
                PROLOG_S * 1000,
                "slurm: cgroup + prolog + environment disagree")),
        row(
            "a process of another job in the cgroup does not lend it its environment",
            cgroup(
                "/system.slice/slurmstepd.scope/job_9/step_0",
                env(901, "SLURM_JOB_ID=10", "SLURM_JOB_GPUS=1")),
            slurmJob("9", "", "", List.of(), NOW_MS, "slurm: cgroup (no GPU information)")),
        row(
            "precedence: Slurm's record overrides the prolog's user, account and start, adds its GRES",
            spool(
                    "4242",
                    "event=started\njob_id=4242\nuser=alice\naccount=old\npartition=gpu\ngpus=1\ntime="
                        + PROLOG_S)
                .withSlurmRecords(
                    Map.of("4242", record("4242", "bob", "train", "cs101", List.of(1)))),
            slurmJob(
                "4242",
                "bob",
                "train",
                List.of(uuid(2)),
                1_795_000_000_000L,
                "slurm: prolog + scontrol agree",
                "account",
                "cs101",
                "partition",
                "gpu",
                "time_limit_minutes",
                "120")),
        row(
            "NVML process in a SLUID cgroup: job id through the prolog, a GPU outside the allocation",
            spool("78", "event=started\njob_id=78\nsluid=s5K1KKYAYG5D00\ngpus=3\ntime=" + PROLOG_S)
                .plus(
                    processes(
                        process(
                            0,
                            201,
                            "/system.slice/slurmstepd.scope/s5K1KKYAYG5D00/step_0",
                            "SLURM_JOB_ID=78"),
                        process(
                            1,
                            201,
                            "/system.slice/slurmstepd.scope/s5K1KKYAYG5D00/step_0",
                            "SLURM_JOB_ID=78"))),
            slurmJob(
                "78",
                "",
                "",
                List.of(uuid(0)),
                PROLOG_S * 1000,
                "slurm: cgroup + NVML process list + prolog + environment disagree",
                "sluid",
                "s5K1KKYAYG5D00",
                "gpus_outside_allocation",
                uuid(1))),
        row(
            "a SLUID cgroup nobody maps to a job id is its own job, after the numeric ones",
            cgroup("/system.slice/slurmstepd.scope/s5K1KKYAYG5D00/step_extern", env(202))
                .plus(spool("5", "event=started\njob_id=5\ngpus=0\ntime=" + PROLOG_S)),
            slurmJob("5", "", "", List.of(uuid(3)), PROLOG_S * 1000, "slurm: prolog only"),
            slurmJob(
                "s5K1KKYAYG5D00",
                "",
                "",
                List.of(),
                NOW_MS,
                "slurm: cgroup (no GPU information)",
                "sluid",
                "s5K1KKYAYG5D00")),
        row(
            "NVML process outside any cgroup, known by its SLURM_JOB_ID; numeric ids sort numerically",
            processes(
                process(2, 400, "/user.slice", "SLURM_JOB_ID=100"),
                process(
                    1, 401, "/user.slice", "SLURM_JOB_ID=99", "CUDA_VISIBLE_DEVICES=GPU-11111111")),
            slurmJob(
                "99",
                "",
                "",
                List.of(uuid(1)),
                NOW_MS,
                "slurm: NVML process list + environment agree"),
            slurmJob(
                "100",
                "",
                "",
                List.of(uuid(2)),
                NOW_MS,
                "slurm: NVML process list + environment agree")),
        row(
            "a pod seen through its cgroup and named by pod-resources",
            processes(
                    process(
                        0,
                        500,
                        "/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod0a1b2c3d_4e5f_6a7b_8c9d_0e1f2a3b4c5d.slice"))
                .plus(
                    JobEvidence.ofPodAllocations(
                        List.of(
                            new ContainerDevices(
                                "ns", "train", "c", "nvidia.com/gpu", List.of(uuid(0), uuid(3)))))),
            new JobInfo(
                "ns/train",
                "",
                "train",
                List.of(uuid(0), uuid(3)),
                NOW_MS,
                "kubernetes: pod-resources + cgroup pod uid + NVML process list agree",
                attrs(
                    "scheduler",
                    "kubernetes",
                    "namespace",
                    "ns",
                    "pod",
                    "train",
                    "containers",
                    "c",
                    "pod_uid",
                    "0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d",
                    "qos",
                    "burstable"))),
        row(
            "static jobs: UUIDs and bus ids resolve, an index does not",
            JobEvidence.ofStaticJobs(
                List.of(
                    new StaticJob(
                        "lab-a",
                        "dave",
                        "notebook",
                        List.of("00000000:87:00.0", "2"),
                        Map.of("account", "lab")))),
            new JobInfo(
                "lab-a",
                "dave",
                "notebook",
                List.of(uuid(3)),
                NOW_MS,
                "static config",
                attrs("account", "lab", "scheduler", "static", "unresolved_gpus", "2"))),
        row(
            "Slurm jobs, then pods, then static jobs",
            JobEvidence.ofStaticJobs(
                    List.of(new StaticJob("lab-a", "dave", "", List.of(), Map.of())))
                .plus(
                    JobEvidence.ofPodAllocations(
                        List.of(
                            new ContainerDevices(
                                "ns", "p", "c", "nvidia.com/gpu", List.of(uuid(1))))))
                .plus(spool("3", "event=started\njob_id=3\ngpus=\ntime=" + PROLOG_S)),
            slurmJob("3", "", "", List.of(), PROLOG_S * 1000, "slurm: prolog only"),
            new JobInfo(
                "ns/p",
                "",
                "p",
                List.of(uuid(1)),
                NOW_MS,
                "kubernetes: pod-resources only",
                attrs("scheduler", "kubernetes", "namespace", "ns", "pod", "p", "containers", "c")),
            new JobInfo(
                "lab-a",
                "dave",
                "",
                List.of(),
                NOW_MS,
                "static config",
                attrs("scheduler", "static"))),
        new Row(
            "a job seen before keeps its first-seen time",
            GpuIndexMeaning.DEVICE_MINOR,
            cgroup("/system.slice/slurmstepd.scope/job_31/step_0"),
            Map.of("31", 1_000L, "gone", 2_000L),
            List.of(
                slurmJob("31", "", "", List.of(), 1_000L, "slurm: cgroup (no GPU information)")),
            List.of(),
            List.of()),
        new Row(
            "ended: the epilog hides the job; its record stays while the cgroup does",
            GpuIndexMeaning.DEVICE_MINOR,
            spool("4242", "event=ended\njob_id=4242\ntime=" + PROLOG_S)
                .plus(cgroup("/system.slice/slurmstepd.scope/job_4242/step_extern")),
            Map.of(),
            List.of(),
            List.of(),
            List.of()),
        new Row(
            "ended: once the cgroup is gone the record is finished with",
            GpuIndexMeaning.DEVICE_MINOR,
            spool("4242", "event=ended\njob_id=4242\ntime=" + PROLOG_S),
            Map.of(),
            List.of(),
            List.of(),
            List.of("4242")),
        new Row(
            "stale: a prolog record without a cgroup past the grace, on a node with Slurm cgroups",
            GpuIndexMeaning.DEVICE_MINOR,
            spool("5", "event=started\njob_id=5\ngpus=0\ntime=" + (NOW_S - GRACE_S))
                .plus(spool("6", "event=started\njob_id=6\ngpus=0\ntime=" + (NOW_S - GRACE_S - 1)))
                .plus(JobEvidence.ofSlurmCgroups(List.of(), true)),
            Map.of(),
            List.of(
                slurmJob(
                    "5", "", "", List.of(uuid(3)), (NOW_S - GRACE_S) * 1000, "slurm: prolog only")),
            List.of("6"),
            List.of()),
        new Row(
            "not stale: the same old record on a node without Slurm cgroups",
            GpuIndexMeaning.DEVICE_MINOR,
            spool("6", "event=started\njob_id=6\ngpus=0\ntime=1000"),
            Map.of(),
            List.of(slurmJob("6", "", "", List.of(uuid(3)), 1_000_000L, "slurm: prolog only")),
            List.of(),
            List.of()),
        row(
            "no hooks, no cgroups: squeue's job with the GPU of Slurm's record, IDX read as device minor",
            squeue(
                "12",
                "ann",
                "1000",
                "idle",
                Optional.of(record("12", "ann", "idle", "lab", List.of(1)))),
            slurmJob(
                "12",
                "ann",
                "idle",
                List.of(uuid(2)),
                1_795_000_000_000L,
                "slurm: squeue + scontrol agree",
                "account",
                "lab",
                "partition",
                "gpu",
                "time_limit_minutes",
                "120",
                "uid",
                "1000")),
        new Row(
            "no hooks, no cgroups: the same job with IDX read as NVML index",
            GpuIndexMeaning.NVML_INDEX,
            squeue(
                "12",
                "ann",
                "1000",
                "idle",
                Optional.of(record("12", "ann", "idle", "lab", List.of(1)))),
            Map.of(),
            List.of(
                slurmJob(
                    "12",
                    "ann",
                    "idle",
                    List.of(uuid(1)),
                    1_795_000_000_000L,
                    "slurm: squeue + scontrol agree",
                    "account",
                    "lab",
                    "partition",
                    "gpu",
                    "time_limit_minutes",
                    "120",
                    "uid",
                    "1000")),
            List.of(),
            List.of()),
        row(
            "squeue's job that Slurm could not be asked about yet: known, no GPU information",
            squeue("12", "ann", "1000", "idle", Optional.empty()),
            slurmJob(
                "12",
                "ann",
                "idle",
                List.of(),
                NOW_MS,
                "slurm: squeue (no GPU information)",
                "account",
                "lab",
                "partition",
                "gpu",
                "uid",
                "1000")),
        row(
            "precedence: a job the prolog knows is the prolog's; squeue's record only adds Slurm's fields",
            spool("6", "event=started\njob_id=6\nuser=ann\ngpus=0\ntime=" + PROLOG_S)
                .plus(
                    squeue(
                        "6",
                        "ann",
                        "1000",
                        "idle",
                        Optional.of(record("6", "ann", "idle", "", List.of(0))))),
            slurmJob(
                "6",
                "ann",
                "idle",
                List.of(uuid(3)),
                1_795_000_000_000L,
                "slurm: prolog + scontrol agree",
                "time_limit_minutes",
                "120")),
        new Row(
            "precedence: the epilog ended the job though squeue listed it a moment before",
            GpuIndexMeaning.DEVICE_MINOR,
            spool("4242", "event=ended\njob_id=4242\ntime=" + PROLOG_S)
                .plus(squeue("4242", "ann", "1000", "idle", Optional.empty())),
            Map.of(),
            List.of(),
            List.of(),
            List.of("4242")),
        row(
            "precedence: a job the cgroups know is the cgroup's",
            cgroup("/slurm_vm/uid_1000/job_31/step_batch/task_0", env(300))
                .plus(squeue("31", "ann", "1000", "idle", Optional.empty())),
            slurmJob(
                "31",
                "",
                "",
                List.of(),
                NOW_MS,
                "slurm: cgroup (no GPU information)",
                "uid",
                "1000")),
        row(
            "precedence: squeue's job whose SLUID a cgroup already names is not a second job",
            cgroup("/system.slice/slurmstepd.scope/s5K1KKYAYG5D00/step_0", env(202))
                .plus(
                    squeue(
                        "78",
                        "ann",
                        "1000",
                        "idle",
                        Optional.of(
                            new SlurmJobRecord(
                                "78",
                                Optional.of("s5K1KKYAYG5D00"),
                                "ann",
                                "idle",
                                "",
                                "gpu",
                                "",
                                List.of("RUNNING"),
                                Optional.empty(),
                                true,
                                Optional.empty(),
                                Map.of("gpu01", List.of(0)))))),
            slurmJob(
                "s5K1KKYAYG5D00",
                "",
                "",
                List.of(),
                NOW_MS,
                "slurm: cgroup (no GPU information)",
                "sluid",
                "s5K1KKYAYG5D00")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void mergesEvidenceIntoTheJobSet(Row row) {
    MergedJobs merged =
        new JobMerge(JobDiscoveryTest.GPUS, row.meaning(), "gpu01")
            .merge(row.evidence(), row.firstSeen(), NOW_MS);

    assertEquals(row.jobs(), merged.jobs());
    assertEquals(row.staleSpool(), merged.staleSpoolJobs());
    assertEquals(row.endedSpool(), merged.endedSpoolJobs());
    assertEquals(
        row.jobs().stream().map(JobInfo::jobId).collect(Collectors.toSet()),
        merged.firstSeenMs().keySet(),
        "first-seen times are kept for the jobs that run, and only for them");
  }

  @Test
  void slurmIsAskedOnlyAboutRunningJobsKnownByJobId() {
    JobEvidence evidence =
        spool("4242", "event=started\njob_id=4242\ngpus=1\ntime=" + PROLOG_S)
            .plus(spool("77", "event=ended\njob_id=77\ntime=" + PROLOG_S))
            .plus(cgroup("/system.slice/slurmstepd.scope/job_77/step_0"))
            .plus(cgroup("/system.slice/slurmstepd.scope/s5K1KKYAYG5D00/step_0"))
            .plus(cgroup("/system.slice/slurmstepd.scope/job_31/step_0"));

    assertEquals(
        List.of("4242", "31"),
        new JobMerge(JobDiscoveryTest.GPUS, GpuIndexMeaning.DEVICE_MINOR, "gpu01")
            .slurmJobsToLookUp(evidence, NOW_MS));
  }

  @Test
  void squeuesJobsWithoutARecordAreLookedUp() {
    JobEvidence evidence =
        squeue("12", "ann", "1000", "", Optional.empty())
            .plus(
                squeue(
                    "13", "ann", "1000", "", Optional.of(record("13", "ann", "", "", List.of(0)))));

    assertEquals(
        List.of("12", "13"),
        new JobMerge(JobDiscoveryTest.GPUS, GpuIndexMeaning.DEVICE_MINOR, "gpu01")
            .slurmJobsToLookUp(evidence, NOW_MS),
        "the merge names every running job; discovery skips those whose record came along");
  }

  private static Row row(String name, JobEvidence evidence, JobInfo... jobs) {
    return new Row(
        name,
        GpuIndexMeaning.DEVICE_MINOR,
        evidence,
        Map.of(),
        List.of(jobs),
        List.of(),
        List.of());
  }

  private static String uuid(int index) {
    return JobDiscoveryTest.GPUS.get(index).uuid();
  }

  private static JobEvidence spool(String jobId, String content) {
    return JobEvidence.ofSpool(List.of(SpoolFileParser.parse(jobId + ".job", content + "\n")));
  }

  /**
   * squeue's listing of one job in partition gpu, account lab, with Slurm's record when JSON
   * carried it.
   */
  private static JobEvidence squeue(
      String id, String user, String uid, String name, Optional<SlurmJobRecord> r) {
    return JobEvidence.ofSqueue(
        new SqueueListing(
            List.of(new SqueueJob(id, user, uid, name, "lab", "gpu")),
            r.map(x -> Map.of(id, x)).orElse(Map.of())));
  }

  private static JobEvidence cgroup(String path, SlurmEnvironment... processes) {
    SlurmCgroup owner = (SlurmCgroup) CgroupPathParser.parsePath(path).orElseThrow();
    return JobEvidence.ofSlurmCgroups(List.of(new SlurmCgroupJob(owner, List.of(processes))), true);
  }

  private static SlurmEnvironment env(long pid, String... variables) {
    Map<String, String> env = new LinkedHashMap<>();
    for (String v : variables) {
      String[] kv = v.split("=", 2);
      env.put(kv[0], kv[1]);
    }
    return SlurmEnvironment.of(pid, env);
  }

  private static GpuProcessEvidence process(
      int gpuIndex, long pid, String cgroupPath, String... variables) {
    Optional<CgroupOwner> owner = CgroupPathParser.parsePath(cgroupPath);
    GpuProcess p = new GpuProcess(uuid(gpuIndex), gpuIndex, pid, OptionalLong.empty());
    boolean pod = owner.isPresent() && owner.get() instanceof PodCgroup;
    return new GpuProcessEvidence(p, owner, pod ? SlurmEnvironment.none(pid) : env(pid, variables));
  }

  private static JobEvidence processes(GpuProcessEvidence... processes) {
    return JobEvidence.ofGpuProcesses(Arrays.asList(processes));
  }

  private static SlurmJobRecord record(
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
  private static JobInfo slurmJob(
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

  private static Map<String, String> attrs(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }
}
