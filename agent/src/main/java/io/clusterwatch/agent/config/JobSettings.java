package io.clusterwatch.agent.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Job discovery of the running agent ({@code jobs}, besides {@code jobs.static}).
 *
 * @param slurm {@code jobs.slurm.enabled}: {@code auto} (when the spool directory, Slurm's cgroups
 *     or Slurm's commands are there), {@code true} or {@code false}
 * @param spoolDir {@code jobs.spool_dir}: where the shipped prolog/epilog write one file per job
 * @param gpuIndexMeaning {@code jobs.gpu_index_meaning}: {@code device_minor} or {@code nvml_index}
 * @param interval {@code jobs.interval}: time between discoveries when no prolog/epilog wakes it
 * @param podResourcesSocket {@code jobs.kubernetes.pod_resources_socket}: the kubelet's
 *     pod-resources socket; empty means Kubernetes discovery is off
 */
public record JobSettings(
    Mode slurm, Path spoolDir, String gpuIndexMeaning, Duration interval, String podResourcesSocket) {
  /** {@code jobs.slurm.enabled}. */
  public enum Mode { AUTO, ON, OFF }

  /** The shortest discovery interval: discovery reads /proc of every job process. */
  public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

  public JobSettings {
    Objects.requireNonNull(slurm, "slurm");
    Objects.requireNonNull(spoolDir, "spoolDir");
    Objects.requireNonNull(gpuIndexMeaning, "gpuIndexMeaning");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(podResourcesSocket, "podResourcesSocket");
  }

  /** Slurm auto, /run/clusterwatch/jobs, device minors, every 10 s, no Kubernetes. */
  public static JobSettings defaults() {
    return new JobSettings(
        Mode.AUTO, Path.of("/run/clusterwatch/jobs"), "device_minor", Duration.ofSeconds(10), "");
  }
}
