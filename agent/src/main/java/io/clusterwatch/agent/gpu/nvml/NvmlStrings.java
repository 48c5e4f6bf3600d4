package io.clusterwatch.agent.gpu.nvml;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

/** Reads NVML's caller-buffer strings ({@code char*, unsigned int length}). */
final class NvmlStrings {
  /** {@code NVML_DEVICE_UUID_V2_BUFFER_SIZE}. */
  static final int UUID_BUFFER = 96;

  /** {@code NVML_DEVICE_NAME_V2_BUFFER_SIZE}. */
  static final int NAME_BUFFER = 96;

  /** {@code NVML_SYSTEM_DRIVER_VERSION_BUFFER_SIZE}. */
  static final int VERSION_BUFFER = 80;

  /** A {@code (device, char*, length)} call. */
  interface StringCall {
    int call(Pointer device, byte[] buffer, int length);
  }

  private NvmlStrings() {}

  /** The string, or null when the call failed (the GPU-lost case throws). */
  static String read(Pointer device, int size, StringCall call) {
    byte[] buffer = new byte[size];
    int code = call.call(device, buffer, size);
    if (code == NvmlReturn.GPU_IS_LOST) {
      throw new NvmlException("NVML string query", code);
    }
    return code == NvmlReturn.SUCCESS ? Native.toString(buffer, "US-ASCII") : null;
  }
}
