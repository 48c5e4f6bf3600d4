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
 */
public record JobSettings(
    Mode slurm,
    Path spoolDir,
    String gpuIndexMeaning,
    Duration interval,
    String podResourcesSocket,
    @JsonProperty("static") List<StaticJob> staticJobs) {
  /** {@code jobs.slurm.enabled}. */
  public enum Mode { AUTO, ON, OFF }

  /** The shortest discovery interval: discovery reads /proc of every job process. */
  public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

  public JobSettings {
    slurm = Objects.requireNonNullElse(slurm, Mode.AUTO);
    spoolDir = Objects.requireNonNullElse(spoolDir, Path.of("/run/clusterwatch/jobs"));
    Checks.nonEmpty("spool_dir", spoolDir.toString());
    gpuIndexMeaning = Checks.oneOf("gpu_index_meaning",
        Objects.requireNonNullElse(gpuIndexMeaning, "device_minor"), List.of("device_minor", "nvml_index"));
    interval = Checks.atLeast("interval", Objects.requireNonNullElse(interval, Duration.ofSeconds(10)), MIN_INTERVAL);
    podResourcesSocket = Objects.requireNonNullElse(podResourcesSocket, "");
    staticJobs = List.copyOf(Objects.requireNonNullElse(staticJobs, List.of()));
  }

  /** Settings without static jobs. */
  public JobSettings(Mode slurm, Path spoolDir, String gpuIndexMeaning, Duration interval, String podResourcesSocket) {
    this(slurm, spoolDir, gpuIndexMeaning, interval, podResourcesSocket, List.of());
  }

  /** Slurm auto, /run/clusterwatch/jobs, device minors, every 10 s, no Kubernetes, no static jobs. */
  public static JobSettings defaults() {
    return new JobSettings(null, null, null, null, null, List.of());
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
        slurm == null ? null : slurm.mode(), spoolDir, gpuIndexMeaning, interval,
        kubernetes == null ? null : kubernetes.podResourcesSocket(), staticJobs);
  }

  /** {@code jobs.slurm}: {@code enabled} is auto, true or false. */
  record Slurm(JsonNode enabled) {
    Mode mode() {
      if (enabled == null || enabled.isNull()) {
        return Mode.AUTO;
      }
      if (enabled.isBoolean()) {
        return enabled.booleanValue() ? Mode.ON : Mode.OFF;
      }
      if (enabled.isTextual() && enabled.textValue().equals("auto")) {
        return Mode.AUTO;
      }
      throw new ConfigException("slurm.enabled", "expected auto, true or false, got '" + enabled.asText() + "'");
    }
  }

  /** {@code jobs.kubernetes}. */
  record Kubernetes(String podResourcesSocket) {}
}
