package io.clusterwatch.agent.gpu.nvml;

/** NVML cannot be used: the library is missing or broken, or {@code nvmlInit_v2} failed. */
public class NvmlUnavailableException extends RuntimeException {
  public NvmlUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
