package io.clusterwatch.agent.gpu;

import io.clusterwatch.agent.collect.CollectorSettings;
import io.clusterwatch.common.config.Checks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * {@code collectors.gpu}.
 *
 * @param enabled collect GPU metrics at all ({@code enabled}, default true)
 * @param backend {@code auto} (NVML, else nvidia-smi, else none), {@code nvml}, {@code nvidia-smi}
 *     or {@code none} ({@code backend}, {@code --gpu}; default auto)
 * @param nvmlLibrary path of libnvidia-ml; absent or empty means the loader's search for {@code
 *     libnvidia-ml.so.1} ({@code nvml_library}, {@code --nvml-lib})
 * @param nvidiaSmi the nvidia-smi executable ({@code nvidia_smi}, {@code --nvidia-smi}; default
 *     nvidia-smi on the PATH)
 * @param callTimeout how long one NVML call (or one nvidia-smi run) may take before the GPU is
 *     marked stale ({@code call_timeout}, default 2s)
 * @param processInterval how often to list running compute processes ({@code process_interval},
 *     default 10s, at least 10s: listing processes is slow on busy GPUs)
 */
public record GpuSettings(
    Boolean enabled,
    String backend,
    Path nvmlLibrary,
    String nvidiaSmi,
    Duration callTimeout,
    Duration processInterval)
    implements CollectorSettings {
  public static final List<String> BACKENDS = List.of("auto", "nvml", "nvidia-smi", "none");
  static final Duration MIN_PROCESS_INTERVAL = Duration.ofSeconds(10);

  public GpuSettings {
    enabled = Objects.requireNonNullElse(enabled, true);
    backend = Checks.oneOf("backend", Objects.requireNonNullElse(backend, "auto"), BACKENDS);
    nvmlLibrary = nvmlLibrary == null || nvmlLibrary.toString().isEmpty() ? null : nvmlLibrary;
    nvidiaSmi = Checks.nonEmpty("nvidia_smi", Objects.requireNonNullElse(nvidiaSmi, "nvidia-smi"));
    callTimeout =
        Checks.positive(
            "call_timeout", Objects.requireNonNullElse(callTimeout, Duration.ofSeconds(2)));
    processInterval =
        Checks.atLeast(
            "process_interval",
            Objects.requireNonNullElse(processInterval, MIN_PROCESS_INTERVAL),
            MIN_PROCESS_INTERVAL);
  }

  /** Every default. */
  public static GpuSettings defaults() {
    return new GpuSettings(null, null, null, null, null, null);
  }
}
