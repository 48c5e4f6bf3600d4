package io.clusterwatch.agent.gpu.nvml;

/** {@code nvmlReturn_t} codes (nvml.h, NVML 13.3; hardware-facts.md section a.5). */
public final class NvmlReturn {
  public static final int SUCCESS = 0;
  public static final int UNINITIALIZED = 1;
  public static final int INVALID_ARGUMENT = 2;
  public static final int NOT_SUPPORTED = 3;
  public static final int NO_PERMISSION = 4;
  public static final int NOT_FOUND = 6;
  public static final int INSUFFICIENT_SIZE = 7;
  public static final int DRIVER_NOT_LOADED = 9;
  public static final int TIMEOUT = 10;
  public static final int FUNCTION_NOT_FOUND = 13;
  public static final int GPU_IS_LOST = 15;
  public static final int ARGUMENT_VERSION_MISMATCH = 25;
  public static final int UNKNOWN = 999;

  private static final String[] NAMES = {
    "NVML_SUCCESS",
    "NVML_ERROR_UNINITIALIZED",
    "NVML_ERROR_INVALID_ARGUMENT",
    "NVML_ERROR_NOT_SUPPORTED",
    "NVML_ERROR_NO_PERMISSION",
    "NVML_ERROR_ALREADY_INITIALIZED",
    "NVML_ERROR_NOT_FOUND",
    "NVML_ERROR_INSUFFICIENT_SIZE",
    "NVML_ERROR_INSUFFICIENT_POWER",
    "NVML_ERROR_DRIVER_NOT_LOADED",
    "NVML_ERROR_TIMEOUT",
    "NVML_ERROR_IRQ_ISSUE",
    "NVML_ERROR_LIBRARY_NOT_FOUND",
    "NVML_ERROR_FUNCTION_NOT_FOUND",
    "NVML_ERROR_CORRUPTED_INFOROM",
    "NVML_ERROR_GPU_IS_LOST",
    "NVML_ERROR_RESET_REQUIRED",
    "NVML_ERROR_OPERATING_SYSTEM",
    "NVML_ERROR_LIB_RM_VERSION_MISMATCH",
    "NVML_ERROR_IN_USE",
    "NVML_ERROR_MEMORY",
    "NVML_ERROR_NO_DATA",
    "NVML_ERROR_VGPU_ECC_NOT_SUPPORTED",
    "NVML_ERROR_INSUFFICIENT_RESOURCES",
    "NVML_ERROR_FREQ_NOT_SUPPORTED",
    "NVML_ERROR_ARGUMENT_VERSION_MISMATCH",
    "NVML_ERROR_DEPRECATED",
    "NVML_ERROR_NOT_READY",
    "NVML_ERROR_GPU_NOT_FOUND",
    "NVML_ERROR_INVALID_STATE",
    "NVML_ERROR_RESET_TYPE_NOT_SUPPORTED"
  };

  private NvmlReturn() {}

  /** {@code NVML_ERROR_GPU_IS_LOST (15)} style text for log lines and errors. */
  public static String describe(int code) {
    String name;
    if (code >= 0 && code < NAMES.length) {
      name = NAMES[code];
    } else if (code == UNKNOWN) {
      name = "NVML_ERROR_UNKNOWN";
    } else {
      name = "unknown NVML return code";
    }
    return name + " (" + code + ")";
  }

  /**
   * True when the code means "this device does not give this value", so the field is left out: not
   * supported, no permission, or not found.
   */
  public static boolean meansAbsent(int code) {
    return code == NOT_SUPPORTED
        || code == NO_PERMISSION
        || code == NOT_FOUND
        || code == FUNCTION_NOT_FOUND;
  }
}
