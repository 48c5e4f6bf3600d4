package io.clusterwatch.agent.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CgroupPathParserTest {
  private static SlurmCgroup job(String id, String step, Long uid) {
    return new SlurmCgroup(
        Optional.of(id), Optional.empty(), Optional.ofNullable(step), Optional.ofNullable(uid));
  }

  private static SlurmCgroup sluid(String sluid, String step) {
    return new SlurmCgroup(
        Optional.empty(), Optional.of(sluid), Optional.ofNullable(step), Optional.empty());
  }

  static Stream<Arguments> paths() {
    return Stream.of(
        // Slurm cgroup v1 (line form from doc/html/cgroups.shtml and jobstats
        // docs/setup/cgroups.md)
        Arguments.of(
            "/slurm/uid_2101171/job_280678/step_interactive/task_0",
            job("280678", "interactive", 2101171L)),
        Arguments.of(
            "/slurm/uid_334987/job_247463/step_extern/task_0", job("247463", "extern", 334987L)),
        Arguments.of("/slurm/uid_1000/job_31", job("31", null, 1000L)),
        Arguments.of("/slurm_node07/uid_1000/job_31/step_batch/task_0", job("31", "batch", 1000L)),
        // Slurm cgroup v2 up to 25.11 (doc/html/cgroup_v2.shtml)
        Arguments.of(
            "/system.slice/slurmstepd.scope/job_1392969/step_0/user/task_0",
            job("1392969", "0", null)),
        Arguments.of(
            "/system.slice/slurmstepd.scope/job_3385/step_extern/slurm",
            job("3385", "extern", null)),
        Arguments.of(
            "/system.slice/n01_slurmstepd.scope/job_3385/step_batch/user/task_special",
            job("3385", "batch", null)),
        // Slurm 26.05 SLUID layout (commit de2b2dd918)
        Arguments.of(
            "/system.slice/slurmstepd.scope/s5K1KKYAYG5D00/step_0/user/task_0",
            sluid("s5K1KKYAYG5D00", "0")),
        Arguments.of(
            "/system.slice/slurmstepd.scope/s5K1KKYAYG5D00", sluid("s5K1KKYAYG5D00", null)),
        // Kubernetes, systemd driver (kubelet cgroup_manager_linux.go ToSystemd)
        Arguments.of(
            "/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod1c1e6e7b_3c8f_4b1a_9d2e_0f5a6b7c8d9e.slice/cri-containerd-4f6c1b2a9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b.scope",
            new PodCgroup(
                "1c1e6e7b-3c8f-4b1a-9d2e-0f5a6b7c8d9e",
                "burstable",
                Optional.of("4f6c1b2a9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b"))),
        Arguments.of(
            "/kubepods.slice/kubepods-pod0a1b2c3d_4e5f_6a7b_8c9d_0e1f2a3b4c5d.slice/crio-abc123.scope",
            new PodCgroup(
                "0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d", "guaranteed", Optional.of("abc123"))),
        Arguments.of(
            "/kubelet.slice/kubelet-kubepods.slice/kubelet-kubepods-besteffort.slice/kubelet-kubepods-besteffort-pod0a1b2c3d_4e5f_6a7b_8c9d_0e1f2a3b4c5d.slice",
            new PodCgroup("0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d", "besteffort", Optional.empty())),
        // Kubernetes, cgroupfs driver
        Arguments.of(
            "/kubepods/besteffort/pod0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d/8d2f0e",
            new PodCgroup(
                "0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d", "besteffort", Optional.of("8d2f0e"))),
        Arguments.of(
            "/kubepods/pod0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d/8d2f0e",
            new PodCgroup(
                "0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d", "guaranteed", Optional.of("8d2f0e"))));
  }

  @ParameterizedTest
  @MethodSource("paths")
  void parsesOwner(String path, CgroupOwner expected) {
    assertEquals(Optional.of(expected), CgroupPathParser.parsePath(path));
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {
        "/user.slice/user-1000.slice/session-3.scope",
        "/system.slice/slurmstepd.scope/system",
        "/system.slice/slurmd.service",
        "/system.slice/slurmstepd.scope/sTOOSHORT",
        "/system.slice/slurmstepd.scope/job_abc/step_0",
        "/",
        ""
      })
  void otherPathsHaveNoOwner(String path) {
    assertEquals(Optional.empty(), CgroupPathParser.parsePath(path));
  }

  /**
   * Real /proc/PID/cgroup of a batch job's two processes under Debian's Slurm 22.05.8 (cgroup v1,
   * multiple-slurmd build: the prefix is /slurm_NODENAME, here node "vm").
   */
  @Test
  void realSlurm2205CgroupV1Files() throws Exception {
    String capture =
        java.nio.file.Files.readString(
            java.nio.file.Path.of("src/test/resources/jobs/slurm-22.05/job-3.proc-cgroup.txt"));
    String[] files = capture.split("(?m)^== .*\n");
    int parsed = 0;
    for (String file : files) {
      if (file.isBlank()) {
        continue;
      }
      assertEquals(Optional.of(job("3", "batch", 0L)), CgroupPathParser.parseProcCgroup(file));
      parsed++;
    }
    assertEquals(2, parsed, "slurm_script and sleep");
  }

  @Test
  void procCgroupV1FileTakesTheFirstJobLine() {
    String file =
        "12:pids:/system.slice/slurmd.service\n"
            + "10:devices:/slurm/uid_2101171/job_280678/step_interactive/task_0\n"
            + "4:memory:/slurm/uid_2101171/job_280678/step_interactive/task_0\n"
            + "1:name=systemd:/system.slice/slurmd.service\n";
    assertEquals(
        Optional.of(job("280678", "interactive", 2101171L)),
        CgroupPathParser.parseProcCgroup(file));
  }

  @Test
  void procCgroupV2File() {
    assertEquals(
        Optional.of(job("1392969", "0", null)),
        CgroupPathParser.parseProcCgroup(
            "0::/system.slice/slurmstepd.scope/job_1392969/step_0/user/task_0\n"));
    assertEquals(
        Optional.empty(), CgroupPathParser.parseProcCgroup("0::/user.slice/user-0.slice\n"));
  }

  @Test
  void malformedLineIsNamed() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> CgroupPathParser.parseProcCgroup("0::/a\nnot a cgroup line\n"));
    assertEquals(
        "cgroup line 2 is not 'hierarchy-id:controllers:path': not a cgroup line", e.getMessage());
  }
}
