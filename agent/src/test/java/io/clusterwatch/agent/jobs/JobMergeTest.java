package io.clusterwatch.agent.jobs;

import static io.clusterwatch.agent.jobs.JobMergeRows.GRACE_S;
import static io.clusterwatch.agent.jobs.JobMergeRows.NOW_MS;
import static io.clusterwatch.agent.jobs.JobMergeRows.NOW_S;
import static io.clusterwatch.agent.jobs.JobMergeRows.PROLOG_S;
import static io.clusterwatch.agent.jobs.JobMergeRows.assertMerges;
import static io.clusterwatch.agent.jobs.JobMergeRows.attrs;
import static io.clusterwatch.agent.jobs.JobMergeRows.cgroup;
import static io.clusterwatch.agent.jobs.JobMergeRows.process;
import static io.clusterwatch.agent.jobs.JobMergeRows.processes;
import static io.clusterwatch.agent.jobs.JobMergeRows.row;
import static io.clusterwatch.agent.jobs.JobMergeRows.slurmJob;
import static io.clusterwatch.agent.jobs.JobMergeRows.spool;
import static io.clusterwatch.agent.jobs.JobMergeRows.uuid;

import io.clusterwatch.agent.jobs.JobMergeRows.Row;
import io.clusterwatch.agent.jobs.kubernetes.podresources.ContainerDevices;
import io.clusterwatch.protocol.message.JobInfo;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The merge alone, one row per case, for pods, static jobs, the order of schedulers, first-seen
 * times and the spool records that ended or went stale. The GPUs are {@link
 * JobDiscoveryFixture#GPUS}, whose device minors run opposite to their NVML indices.
 */
class JobMergeTest {
  static Stream<Row> rows() {
    return Stream.of(
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
            List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void mergesEvidenceIntoTheJobSet(Row row) {
    assertMerges(row);
  }
}
