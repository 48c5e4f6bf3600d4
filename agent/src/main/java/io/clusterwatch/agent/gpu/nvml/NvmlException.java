package io.clusterwatch.agent.gpu.nvml;

/** An NVML call returned an error the caller cannot skip; the message names the call and code. */
public class NvmlException extends RuntimeException {
  private final int code;

  public NvmlException(String call, int code) {
    super(call + " failed: " + NvmlReturn.describe(code));
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** True when the GPU fell off the bus: stop reading it, report it stale. */
  public boolean gpuLost() {
    return code == NvmlReturn.GPU_IS_LOST;
  }
}
