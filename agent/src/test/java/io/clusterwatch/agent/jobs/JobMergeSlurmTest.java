package io.clusterwatch.agent.jobs;

import static io.clusterwatch.agent.jobs.JobMergeRows.NOW_MS;
import static io.clusterwatch.agent.jobs.JobMergeRows.PROLOG_S;
import static io.clusterwatch.agent.jobs.JobMergeRows.assertMerges;
import static io.clusterwatch.agent.jobs.JobMergeRows.cgroup;
import static io.clusterwatch.agent.jobs.JobMergeRows.env;
import static io.clusterwatch.agent.jobs.JobMergeRows.process;
import static io.clusterwatch.agent.jobs.JobMergeRows.processes;
import static io.clusterwatch.agent.jobs.JobMergeRows.record;
import static io.clusterwatch.agent.jobs.JobMergeRows.row;
import static io.clusterwatch.agent.jobs.JobMergeRows.slurmJob;
import static io.clusterwatch.agent.jobs.JobMergeRows.spool;
import static io.clusterwatch.agent.jobs.JobMergeRows.squeue;
import static io.clusterwatch.agent.jobs.JobMergeRows.uuid;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterwatch.agent.jobs.JobMergeRows.Row;
import io.clusterwatch.agent.jobs.slurm.SlurmJobRecord;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The merge of Slurm's evidence alone, one row per case: prolog records, cgroups, process
 * environments, NVML processes, squeue and Slurm's own records, and which of them wins. The GPUs
 * are {@link JobDiscoveryFixture#GPUS}, whose device minors run opposite to their NVML indices.
 */
class JobMergeSlurmTest {
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
    assertMerges(row);
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
        new JobMerge(JobDiscoveryFixture.GPUS, GpuIndexMeaning.DEVICE_MINOR, "gpu01")
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
        new JobMerge(JobDiscoveryFixture.GPUS, GpuIndexMeaning.DEVICE_MINOR, "gpu01")
            .slurmJobsToLookUp(evidence, NOW_MS),
        "the merge names every running job; discovery skips those whose record came along");
  }
}
