package io.clusterwatch.agent.jobs;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.clusterwatch.common.config.Checks;
import io.clusterwatch.common.config.ConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * {@code jobs}: which jobs hold which GPUs of this node.
 *
 * @param slurm {@code jobs.slurm.enabled}: {@code auto} (the default: when the spool directory,
 *     Slurm's cgroups or Slurm's commands are there), {@code true} or {@code false}
 * @param spoolDir {@code jobs.spool_dir}: where the shipped prolog/epilog write one file per job
 *     (default /run/clusterwatch/jobs)
 * @param gpuIndexMeaning {@code jobs.gpu_index_meaning}: {@code device_minor} (default) or {@code
 *     nvml_index}
 * @param interval {@code jobs.interval}: time between discoveries when no prolog/epilog wakes it
 *     (default 10s, at least 1s)
 * @param podResourcesSocket {@code jobs.kubernetes.pod_resources_socket}: the kubelet's
 *     pod-resources socket; empty (the default) means Kubernetes discovery is off
 * @param staticJobs {@code jobs.static}: jobs declared by hand for labs without a scheduler
 * @param squeue {@code jobs.slurm.squeue}: whether to ask {@code squeue} for the jobs running on
 *     this node. {@code auto} (the default): only while no Slurm job cgroup and no prolog record
 *     has been seen (proctrack/linuxproc and task/none without the shipped prolog); {@code true}:
 *     every discovery; {@code false}: never. Its jobs count only where no other source knows them.
 */
public record JobSettings(
    Mode slurm,
    Path spoolDir,
    String gpuIndexMeaning,
    Duration interval,
    String podResourcesSocket,
    @JsonProperty("static") List<StaticJob> staticJobs,
    Mode squeue) {
  /** {@code jobs.slurm.enabled}, {@code jobs.slurm.squeue}. */
  public enum Mode {
    AUTO,
    ON,
    OFF
  }

  /** The shortest discovery interval: discovery reads /proc of every job process. */
  public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

  public JobSettings {
    slurm = Objects.requireNonNullElse(slurm, Mode.AUTO);
    spoolDir = Objects.requireNonNullElse(spoolDir, Path.of("/run/clusterwatch/jobs"));
    Checks.nonEmpty("spool_dir", spoolDir.toString());
    gpuIndexMeaning =
        Checks.oneOf(
            "gpu_index_meaning",
            Objects.requireNonNullElse(gpuIndexMeaning, "device_minor"),
            List.of("device_minor", "nvml_index"));
    interval =
        Checks.atLeast(
            "interval", Objects.requireNonNullElse(interval, Duration.ofSeconds(10)), MIN_INTERVAL);
    podResourcesSocket = Objects.requireNonNullElse(podResourcesSocket, "");
    staticJobs = List.copyOf(Objects.requireNonNullElse(staticJobs, List.of()));
    squeue = Objects.requireNonNullElse(squeue, Mode.AUTO);
  }

  /** Settings with squeue on {@code auto}. */
  public JobSettings(
      Mode slurm,
      Path spoolDir,
      String gpuIndexMeaning,
      Duration interval,
      String podResourcesSocket,
      List<StaticJob> staticJobs) {
    this(slurm, spoolDir, gpuIndexMeaning, interval, podResourcesSocket, staticJobs, Mode.AUTO);
  }

  /** Settings without static jobs, squeue on {@code auto}. */
  public JobSettings(
      Mode slurm,
      Path spoolDir,
      String gpuIndexMeaning,
      Duration interval,
      String podResourcesSocket) {
    this(slurm, spoolDir, gpuIndexMeaning, interval, podResourcesSocket, List.of());
  }

  /**
   * Slurm auto, /run/clusterwatch/jobs, device minors, every 10 s, no Kubernetes, no static jobs,
   * squeue auto.
   */
  public static JobSettings defaults() {
    return new JobSettings(null, null, null, null, null, List.of(), null);
  }

  /** The section as written in the YAML file, with {@code slurm} and {@code kubernetes} nested. */
  @JsonCreator
  static JobSettings fromFile(
      @JsonProperty("slurm") Slurm slurm,
      @JsonProperty("spool_dir") Path spoolDir,
      @JsonProperty("gpu_index_meaning") String gpuIndexMeaning,
      @JsonProperty("interval") Duration interval,
      @JsonProperty("kubernetes") Kubernetes kubernetes,
      @JsonProperty("static") List<StaticJob> staticJobs) {
    return new JobSettings(
        slurm == null ? null : slurm.mode(),
        spoolDir,
        gpuIndexMeaning,
        interval,
        kubernetes == null ? null : kubernetes.podResourcesSocket(),
        staticJobs,
        slurm == null ? null : slurm.squeueMode());
  }

  /** {@code jobs.slurm}: {@code enabled} and {@code squeue} are each auto, true or false. */
  record Slurm(JsonNode enabled, JsonNode squeue) {
    Mode mode() {
      return mode("slurm.enabled", enabled);
    }

    Mode squeueMode() {
      return mode("slurm.squeue", squeue);
    }

    private static Mode mode(String key, JsonNode value) {
      if (value == null || value.isNull()) {
        return Mode.AUTO;
      }
      if (value.isBoolean()) {
        return value.booleanValue() ? Mode.ON : Mode.OFF;
      }
      if (value.isTextual() && value.textValue().equals("auto")) {
        return Mode.AUTO;
      }
      throw new ConfigException(key, "expected auto, true or false, got '" + value.asText() + "'");
    }
  }

  /** {@code jobs.kubernetes}. */
  record Kubernetes(String podResourcesSocket) {}
}
