package io.clusterwatch.agent.gpu.nvml;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Loads libnvidia-ml through JNA from an injected path (or the driver's soname) and records which
 * of the {@link NvmlLibrary} and {@link NvmlDirectBindings} symbols it exports, so that callers use
 * the newest version present and treat a missing symbol as a missing field.
 */
public final class NvmlLoader {
  /** The soname the driver installs; the unversioned name comes only with development packages. */
  public static final String DEFAULT_LIBRARY = "libnvidia-ml.so.1";

  /** Without these, the library is not usable at all. */
  static final List<String> REQUIRED =
      List.of(
          "nvmlInit_v2",
          "nvmlShutdown",
          "nvmlDeviceGetCount_v2",
          "nvmlDeviceGetHandleByIndex_v2",
          "nvmlDeviceGetUUID",
          "nvmlDeviceGetPciInfo_v3");

  /** Probed but never called: they tell which process-struct layout the driver writes. */
  static final List<String> PROBED_ONLY =
      List.of("nvmlDeviceGetConfComputeMemSizeInfo", "nvmlDeviceGetRunningProcessDetailList");

  /**
   * Loads the library.
   *
   * @param path the library file, or null for {@link #DEFAULT_LIBRARY} through the loader's search
   * @throws NvmlUnavailableException when it cannot be loaded or lacks a required symbol
   */
  public Nvml load(Path path) {
    String location = path == null ? DEFAULT_LIBRARY : path.toAbsolutePath().toString();
    NativeLibrary library;
    NvmlLibrary api;
    try {
      library = NativeLibrary.getInstance(location);
      api = Native.load(location, NvmlLibrary.class);
    } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
      throw new NvmlUnavailableException(
          "cannot load NVML library " + location + ": " + e.getMessage(), e);
    }
    Set<String> symbols = new HashSet<>();
    for (Method method : NvmlLibrary.class.getMethods()) {
      if (method.getDeclaringClass() != NvmlLibrary.class) {
        continue;
      }
      try {
        library.getFunction(method.getName());
        symbols.add(method.getName());
      } catch (UnsatisfiedLinkError e) {
        // an older or newer driver without this version of the call: callers fall back
      }
    }
    List<String> probed = new ArrayList<>(PROBED_ONLY);
    for (Class<?> binding : NvmlDirectBindings.class.getClasses()) {
      probed.add(NvmlDirectCalls.symbol(binding));
    }
    for (String symbol : probed) {
      try {
        library.getFunction(symbol);
        symbols.add(symbol);
      } catch (UnsatisfiedLinkError e) {
        // absent: the direct call is not bound (see NvmlDirectCalls), or see NvmlProcessReader
      }
    }
    for (String required : REQUIRED) {
      if (!symbols.contains(required)) {
        throw new NvmlUnavailableException(
            "NVML library " + location + " does not export " + required, null);
      }
    }
    NvmlDirectCalls calls;
    try {
      calls = NvmlDirectCalls.bind(library, symbols);
    } catch (UnsatisfiedLinkError e) {
      throw new NvmlUnavailableException(
          "cannot bind the NVML calls of " + location + ": " + e.getMessage(), e);
    }
    return new Nvml(api, calls, symbols, location);
  }
}
