package io.clusterwatch.agent.gpu;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * A process with a CUDA context on a GPU, from the last process listing.
 *
 * @param gpuUuid the GPU it runs on
 * @param gpuIndex that GPU's index
 * @param pid the process id (in the driver's PID namespace, i.e. the host's)
 * @param usedMemoryBytes GPU memory it holds; empty when the driver does not report it
 */
public record GpuProcess(String gpuUuid, int gpuIndex, long pid, OptionalLong usedMemoryBytes) {
  public GpuProcess {
    Objects.requireNonNull(gpuUuid, "gpuUuid");
    Objects.requireNonNull(usedMemoryBytes, "usedMemoryBytes");
  }
}
