package io.clusterwatch.agent.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.agent.jobs.kubernetes.podresources.ContainerDevices;
import io.clusterwatch.agent.jobs.slurm.SlurmJobMerge;
import io.clusterwatch.agent.jobs.slurm.SlurmJobRecord;
import io.clusterwatch.agent.jobs.slurm.SlurmJsonParser;
import io.clusterwatch.agent.jobs.slurm.SlurmJsonParserTest;
import io.clusterwatch.agent.jobs.slurm.SpoolCleanup;
import io.clusterwatch.agent.jobs.slurm.SpoolDirectory;
import io.clusterwatch.agent.jobs.slurm.SpoolEvidenceSource;
import io.clusterwatch.protocol.message.JobInfo;
import java.nio.file.Files;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Discovery passes over a fake host: cgroups, process environments, NVML processes, prolog and
 * epilog records, pods and static jobs, and the spool files a pass cleans up.
 */
class JobDiscoveryTest extends JobDiscoveryFixture {
  @Test
  void cgroupV2JobWithEveryEvidenceAgreeing() throws Exception {
    host.cgroup("system.slice/slurmstepd.scope/job_4242/step_0/user/task_0", "cgroup.procs", 100)
        .cgroup("system.slice/slurmstepd.scope/job_4242/step_extern", "cgroup.procs", 99)
        .process(
            100,
            "0::/system.slice/slurmstepd.scope/job_4242/step_0/user/task_0\n",
            "SLURM_JOB_ID=4242",
            "SLURM_JOB_GPUS=1,3",
            "CUDA_VISIBLE_DEVICES=0,1")
        .process(99, "0::/system.slice/slurmstepd.scope/job_4242/step_extern\n");
    // SLURM_JOB_GPUS 1,3 are /dev/nvidia1 and /dev/nvidia3: NVML indices 2 and 0
    gpuProcesses.add(onGpu(2, 100));
    spool(
        "4242",
        "event=started\njob_id=4242\nsluid=s5K1KKYAYG5D00\nuser=alice\nuid=1000\n"
            + "account=cs101\npartition=gpu\ngpus=1,3\ncuda_visible_devices=1,3\ntime=1794999990\n");
    List<SlurmJobRecord> records = new SlurmJsonParser().parse(SlurmJsonParserTest.fixture());
    slurm = id -> records.stream().filter(r -> r.jobId().equals(id)).findFirst();

    List<JobInfo> jobs = discover();

    assertEquals(1, jobs.size());
    JobInfo j = jobs.get(0);
    assertEquals("4242", j.jobId());
    assertEquals("alice", j.user());
    assertEquals("train-resnet", j.name());
    assertEquals(List.of(uuid(0), uuid(2)), j.gpuUuids());
    assertEquals(1795000000_000L, j.startMs());
    assertEquals(
        "slurm: cgroup + NVML process list + prolog + scontrol + environment agree", j.source());
    assertEquals(
        Map.of(
            "scheduler",
            "slurm",
            "account",
            "cs101",
            "partition",
            "gpu",
            "reservation",
            "course-week3",
            "time_limit_minutes",
            "120",
            "sluid",
            "s5K1KKYAYG5D00",
            "uid",
            "1000"),
        j.attributes());
  }

  @Test
  void sluidLayoutMapsToJobIdThroughEnvironmentAndFlagsForeignGpu() {
    host.cgroup(
            "system.slice/slurmstepd.scope/s5K1KKYAYG5D00/step_0/user/task_0", "cgroup.procs", 200)
        .process(
            200,
            "0::/system.slice/slurmstepd.scope/s5K1KKYAYG5D00/step_0/user/task_0\n",
            "SLURM_JOB_ID=77",
            "SLURM_JOB_GPUS=0");
    gpuProcesses.add(onGpu(3, 200));
    gpuProcesses.add(onGpu(1, 200));

    JobInfo j = discover().get(0);

    assertEquals("77", j.jobId());
    assertEquals(List.of(uuid(3)), j.gpuUuids());
    assertEquals("slurm: cgroup + NVML process list + environment disagree", j.source());
    assertEquals(uuid(1), j.attributes().get("gpus_outside_allocation"));
    assertEquals("s5K1KKYAYG5D00", j.attributes().get("sluid"));
  }

  @Test
  void sluidLayoutMapsToJobIdThroughProlog() throws Exception {
    host.cgroup("system.slice/slurmstepd.scope/s5K1KKYAYG5D00/step_extern", "cgroup.procs", 201)
        .process(201, "0::/system.slice/slurmstepd.scope/s5K1KKYAYG5D00/step_extern\n");
    spool(
        "78",
        "event=started\njob_id=78\nsluid=s5K1KKYAYG5D00\nuser=carol\ngpus=2\ntime=1794999990\n");

    JobInfo j = discover().get(0);

    assertEquals("78", j.jobId());
    assertEquals("carol", j.user());
    assertEquals(List.of(uuid(1)), j.gpuUuids());
    assertEquals("slurm: cgroup + prolog agree", j.source());
  }

  @Test
  void cgroupV1JobWithoutGpuProcesses() {
    host.cgroup("devices/slurm/uid_1000/job_31/step_batch/task_0", "tasks", 300)
        .cgroup("cpuset/slurm/uid_1000/job_31/step_batch/task_0", "tasks", 300)
        .process(
            300,
            "10:devices:/slurm/uid_1000/job_31/step_batch/task_0\n",
            "SLURM_JOB_ID=31",
            "SLURM_JOB_GPUS=0",
            "CUDA_VISIBLE_DEVICES=0");

    List<JobInfo> jobs = discover();

    assertEquals(1, jobs.size());
    JobInfo j = jobs.get(0);
    assertEquals("31", j.jobId());
    assertEquals(List.of(uuid(3)), j.gpuUuids());
    assertEquals("slurm: cgroup + environment agree", j.source());
    assertEquals("1000", j.attributes().get("uid"));
    assertEquals(NOW.toEpochMilli(), j.startMs());
  }

  @Test
  void environmentOnlyJobAndUuidsInCudaVisibleDevices() {
    host.process(
        400,
        "0::/user.slice/user-1000.slice/session-1.scope\n",
        "SLURM_JOB_ID=99",
        "CUDA_VISIBLE_DEVICES=GPU-11111111,MIG-2a2a2a2a-0000-0000-0000-000000000001");
    gpuProcesses.add(onGpu(1, 400));

    JobInfo j = discover().get(0);

    assertEquals("99", j.jobId());
    assertEquals(List.of(uuid(1), uuid(2)), j.gpuUuids());
    assertEquals("slurm: NVML process list + environment agree", j.source());
  }

  @Test
  void jobRelativeCudaIndicesAreNotTrusted() {
    host.process(401, "0::/user.slice\n", "SLURM_JOB_ID=98", "CUDA_VISIBLE_DEVICES=0");
    gpuProcesses.add(onGpu(2, 401));

    JobInfo j = discover().get(0);

    assertEquals(List.of(uuid(2)), j.gpuUuids());
    assertEquals("slurm: NVML process list + environment agree", j.source());
    assertFalse(j.attributes().containsKey("unresolved_gpus"));
  }

  @Test
  void kubernetesPodFromNvmlProcess() {
    host.process(
        500,
        "0::/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod0a1b2c3d_4e5f_6a7b_8c9d_0e1f2a3b4c5d.slice/cri-containerd-ab12.scope\n");
    gpuProcesses.add(onGpu(0, 500));
    gpuProcesses.add(onGpu(3, 500));

    JobInfo j = discover().get(0);

    assertEquals("0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d", j.jobId());
    assertEquals(List.of(uuid(0), uuid(3)), j.gpuUuids());
    assertEquals("kubernetes: cgroup pod uid + NVML process list", j.source());
    assertEquals("burstable", j.attributes().get("qos"));
  }

  @Test
  void podResourcesNameThePodAndJoinTheCgroupPodByGpu() {
    host.process(
        501,
        "0::/kubepods.slice/kubepods-pod0a1b2c3d_4e5f_6a7b_8c9d_0e1f2a3b4c5d.slice/cri-containerd-ab12.scope\n");
    gpuProcesses.add(onGpu(0, 501));
    podDevices.add(
        new ContainerDevices(
            "course-a", "train-0", "trainer", "nvidia.com/gpu", List.of(uuid(0), uuid(3))));
    podDevices.add(new ContainerDevices("course-a", "train-0", "trainer", "cpu", List.of("2")));
    podDevices.add(
        new ContainerDevices(
            "course-b",
            "notebook",
            "lab",
            "nvidia.com/mig-1g.10gb",
            List.of("MIG-2a2a2a2a-0000-0000-0000-000000000001")));

    List<JobInfo> jobs = discover();

    assertEquals(2, jobs.size());
    JobInfo train = jobs.get(0);
    assertEquals("course-a/train-0", train.jobId());
    assertEquals("train-0", train.name());
    assertEquals(List.of(uuid(0), uuid(3)), train.gpuUuids());
    assertEquals(
        "kubernetes: pod-resources + cgroup pod uid + NVML process list agree", train.source());
    assertEquals(
        Map.of(
            "scheduler",
            "kubernetes",
            "namespace",
            "course-a",
            "pod",
            "train-0",
            "containers",
            "trainer",
            "pod_uid",
            "0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d",
            "qos",
            "guaranteed"),
        train.attributes());
    JobInfo notebook = jobs.get(1);
    assertEquals("course-b/notebook", notebook.jobId());
    assertEquals(List.of(uuid(2)), notebook.gpuUuids());
    assertEquals("kubernetes: pod-resources only", notebook.source());
  }

  @Test
  void podUsingAGpuOutsideItsAllocationDisagrees() {
    host.process(502, "0::/kubepods/burstable/pod0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d/8d2f0e\n");
    gpuProcesses.add(onGpu(0, 502));
    gpuProcesses.add(onGpu(1, 502));
    podDevices.add(new ContainerDevices("ns", "p", "c", "nvidia.com/gpu", List.of(uuid(0))));

    JobInfo j = discover().get(0);

    assertEquals(
        "kubernetes: pod-resources + cgroup pod uid + NVML process list disagree", j.source());
    assertEquals(uuid(1), j.attributes().get("gpus_outside_allocation"));
    assertEquals(List.of(uuid(0)), j.gpuUuids());
  }

  @Test
  void staticJobsResolveUuidsAndBusIdsButNotIndices() {
    staticJobs =
        List.of(
            new StaticJob(
                "lab-a",
                "dave",
                "notebook",
                List.of("00000000:87:00.0", "GPU-00000000-0000-0000-0000-000000000000", "2"),
                Map.of("account", "lab")));

    JobInfo j = discover().get(0);

    assertEquals(List.of(uuid(0), uuid(3)), j.gpuUuids());
    assertEquals("static config", j.source());
    assertEquals(
        Map.of("account", "lab", "scheduler", "static", "unresolved_gpus", "2"), j.attributes());
  }

  @Test
  void epilogEndsTheJobAndItsSpoolFileGoesOnceTheCgroupIsGone() throws Exception {
    spool("4242", "event=ended\njob_id=4242\ntime=1795000100\n");
    host.cgroup("system.slice/slurmstepd.scope/job_4242/step_extern", "cgroup.procs");

    assertEquals(List.of(), discover());
    assertTrue(Files.exists(spoolDir.resolve("4242.job")));

    Files.walk(host.paths.sys("fs", "cgroup", "system.slice", "slurmstepd.scope", "job_4242"))
        .sorted(java.util.Comparator.reverseOrder())
        .forEach(p -> p.toFile().delete());
    assertEquals(List.of(), discover());
    assertFalse(Files.exists(spoolDir.resolve("4242.job")));
  }

  @Test
  void aFailedPassDeletesNoSpoolFile() throws Exception {
    spool("4242", "event=ended\njob_id=4242\ntime=1795000100\n");
    SpoolDirectory spool = new SpoolDirectory(spoolDir);
    JobEvidenceSource broken =
        () -> {
          throw new IllegalStateException("kubelet answer malformed");
        };
    JobDiscovery failing =
        new JobDiscovery(
            () -> GPUS,
            List.of(new SpoolEvidenceSource(spool), broken),
            slurm,
            Optional.of(new SpoolCleanup(spool)),
            GpuIndexMeaning.DEVICE_MINOR,
            "gpu01",
            Clock.fixed(NOW, ZoneOffset.UTC));

    assertThrows(IllegalStateException.class, failing::discover);
    assertTrue(Files.exists(spoolDir.resolve("4242.job")));
    assertEquals(List.of(), discover());
    assertFalse(Files.exists(spoolDir.resolve("4242.job")), "the next good pass cleans up");
  }

  @Test
  void prologRecordWithoutCgroupIsStaleAfterGrace() throws Exception {
    host.cgroup("system.slice/slurmstepd.scope/job_1/step_extern", "cgroup.procs");
    long t = NOW.getEpochSecond();
    spool("5", "event=started\njob_id=5\ngpus=0\ntime=" + t + "\n");

    assertEquals(List.of("1", "5"), discover().stream().map(JobInfo::jobId).toList());

    Clock later =
        Clock.fixed(NOW.plus(SlurmJobMerge.STALE_PROLOG_GRACE).plusSeconds(1), ZoneOffset.UTC);
    assertEquals(List.of("1"), discovery(later).discover().stream().map(JobInfo::jobId).toList());
    assertFalse(Files.exists(spoolDir.resolve("5.job")));
  }

  @Test
  void badSpoolFileIsSkippedAndOthersStillCount() throws Exception {
    spool("x", "garbage\n");
    spool("6", "event=started\njob_id=6\ngpus=2\ntime=" + NOW.getEpochSecond() + "\n");

    List<JobInfo> jobs = discover();

    assertEquals(List.of("6"), jobs.stream().map(JobInfo::jobId).toList());
    assertEquals("slurm: prolog only", jobs.get(0).source());
    assertEquals(List.of(uuid(1)), jobs.get(0).gpuUuids());
  }
}
