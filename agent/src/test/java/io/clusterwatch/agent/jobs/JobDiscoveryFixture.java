package io.clusterwatch.agent.jobs;

import io.clusterwatch.agent.gpu.GpuProcess;
import io.clusterwatch.agent.jobs.kubernetes.podresources.ContainerDevices;
import io.clusterwatch.agent.jobs.slurm.SlurmMetadata;
import io.clusterwatch.agent.jobs.slurm.SpoolCleanup;
import io.clusterwatch.agent.jobs.slurm.SpoolDirectory;
import io.clusterwatch.protocol.message.JobInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node for discovery passes: a fake host tree, a spool directory, the NVML processes, pod
 * allocations, squeue, Slurm's records and static jobs a test sets, and a fixed clock.
 */
abstract class JobDiscoveryFixture {
  /** Four GPUs whose minors run opposite to the NVML index, so index confusion shows. */
  static final List<GpuDevice> GPUS =
      List.of(
          new GpuDevice(
              0, "GPU-00000000-0000-0000-0000-000000000000", "00000000:07:00.0", 3, List.of()),
          new GpuDevice(
              1, "GPU-11111111-1111-1111-1111-111111111111", "00000000:0F:00.0", 2, List.of()),
          new GpuDevice(
              2,
              "GPU-22222222-2222-2222-2222-222222222222",
              "00000000:47:00.0",
              1,
              List.of("MIG-2a2a2a2a-0000-0000-0000-000000000001")),
          new GpuDevice(
              3, "GPU-33333333-3333-3333-3333-333333333333", "00000000:87:00.0", 0, List.of()));

  static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

  @TempDir Path tmp;
  FakeHostTree host;
  Path spoolDir;
  final List<GpuProcess> gpuProcesses = new ArrayList<>();
  final List<ContainerDevices> podDevices = new ArrayList<>();
  SlurmMetadata slurm = id -> Optional.empty();
  Optional<JobEvidenceSource> squeue = Optional.empty();
  String nodeName = "gpu01";
  List<StaticJob> staticJobs = List.of();

  @BeforeEach
  void setUp() throws Exception {
    host = new FakeHostTree(tmp.resolve("host"));
    spoolDir = Files.createDirectories(tmp.resolve("spool"));
  }

  static String uuid(int index) {
    return GPUS.get(index).uuid();
  }

  List<JobInfo> discover() {
    return discovery(Clock.fixed(NOW, ZoneOffset.UTC)).discover();
  }

  JobDiscovery discovery(Clock clock) {
    SpoolDirectory spool = new SpoolDirectory(spoolDir);
    return new JobDiscovery(
        () -> GPUS,
        NodeJobMonitor.sources(
            Optional.of(spool),
            host.paths,
            () -> List.copyOf(gpuProcesses),
            squeue,
            Optional.of(() -> List.copyOf(podDevices)),
            staticJobs),
        slurm,
        Optional.of(new SpoolCleanup(spool)),
        GpuIndexMeaning.DEVICE_MINOR,
        nodeName,
        clock);
  }

  /** An NVML process on one of {@link #GPUS}. */
  static GpuProcess onGpu(int index, long pid) {
    return new GpuProcess(uuid(index), index, pid, OptionalLong.of(1 << 30));
  }

  void spool(String jobId, String content) throws Exception {
    Files.writeString(spoolDir.resolve(jobId + ".job"), content);
  }
}
