package io.clusterwatch.agent.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code collectors.gpu}.
 *
 * @param enabled collect GPU metrics at all
 * @param backend {@code auto} (NVML, else nvidia-smi, else none), {@code nvml}, {@code nvidia-smi}
 *     or {@code none} ({@code --gpu})
 * @param nvmlLibrary path of libnvidia-ml; null means the loader's search for
 *     {@code libnvidia-ml.so.1} ({@code --nvml-lib})
 * @param nvidiaSmi the nvidia-smi executable ({@code --nvidia-smi})
 * @param callTimeout how long one NVML call (or one nvidia-smi run) may take before the GPU is
 *     marked stale
 * @param processInterval how often to list running compute processes (at least 10 s)
 */
public record GpuSettings(
    boolean enabled,
    String backend,
    Path nvmlLibrary,
    String nvidiaSmi,
    Duration callTimeout,
    Duration processInterval) {

  public static GpuSettings defaults() {
    return new GpuSettings(
        true, "auto", null, "nvidia-smi", Duration.ofSeconds(2), Duration.ofSeconds(10));
  }
}
