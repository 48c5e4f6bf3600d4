package io.clusterwatch.agent.gpu.nvml;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The NVML functions the agent calls, bound by their real exported (versioned) symbol names; see
 * hardware-facts.md section a. Every function returns an {@code nvmlReturn_t} ({@link NvmlReturn}).
 * {@code unsigned int} maps to {@code int} and {@code unsigned long long} to {@code long}: read
 * them unsigned. {@code nvmlDevice_t} and {@code nvmlEventSet_t} are opaque pointers.
 *
 * <p>The calls of every tick are direct-mapped instead ({@link NvmlDirectBindings}). Symbols are
 * resolved on first call; {@link NvmlLoader} probes which ones the installed library exports so
 * that callers pick the newest version present and never call a missing one.
 */
public interface NvmlLibrary extends Library {
  int nvmlInit_v2();

  int nvmlShutdown();

  String nvmlErrorString(int result);

  int nvmlSystemGetDriverVersion(byte[] version, int length);

  int nvmlDeviceGetCount_v2(IntByReference deviceCount);

  int nvmlDeviceGetHandleByIndex_v2(int index, PointerByReference device);

  int nvmlDeviceGetName(Pointer device, byte[] name, int length);

  int nvmlDeviceGetUUID(Pointer device, byte[] uuid, int length);

  int nvmlDeviceGetMinorNumber(Pointer device, IntByReference minorNumber);

  int nvmlDeviceGetPciInfo_v3(Pointer device, NvmlStructs.PciInfo pci);

  /** {@code infos} is an array of 24-byte {@code nvmlProcessInfo_t} (32 bytes on R535 drivers). */
  int nvmlDeviceGetComputeRunningProcesses_v3(
      Pointer device, IntByReference infoCount, Pointer infos);

  /** {@code infos} is an array of 24-byte {@code nvmlProcessInfo_v2_t}. */
  int nvmlDeviceGetComputeRunningProcesses_v2(
      Pointer device, IntByReference infoCount, Pointer infos);

  /** {@code infos} is an array of 16-byte {@code nvmlProcessInfo_v1_t}. */
  int nvmlDeviceGetComputeRunningProcesses(Pointer device, IntByReference infoCount, Pointer infos);

  int nvmlDeviceGetMaxMigDeviceCount(Pointer device, IntByReference count);

  /** NOT_FOUND for an empty slot. */
  int nvmlDeviceGetMigDeviceHandleByIndex(Pointer device, int index, PointerByReference migDevice);

  /** The GPU instance id of a MIG device handle. */
  int nvmlDeviceGetGpuInstanceId(Pointer device, IntByReference id);

  /** GPM (Hopper and later); {@code version} must be {@link NvmlStructs.GpmSupport#VERSION}. */
  int nvmlGpmQueryDeviceSupport(Pointer device, NvmlStructs.GpmSupport support);

  /** Allocates an opaque {@code nvmlGpmSample_t}; freed with {@link #nvmlGpmSampleFree}. */
  int nvmlGpmSampleAlloc(PointerByReference sample);

  int nvmlGpmSampleFree(Pointer sample);

  /** As {@code nvmlGpmSampleGet} for one GPU instance of a MIG-enabled (parent) GPU. */
  int nvmlGpmMigSampleGet(Pointer device, int gpuInstanceId, Pointer sample);

  int nvmlEventSetCreate(PointerByReference set);

  int nvmlDeviceGetSupportedEventTypes(Pointer device, LongByReference eventTypes);

  int nvmlDeviceRegisterEvents(Pointer device, long eventTypes, Pointer set);

  /**
   * TIMEOUT when nothing arrived within {@code timeoutMs}: the normal "no event". {@code data} is a
   * raw {@code nvmlEventData_t} (read at the {@link NvmlLayout} offsets): a {@code Structure}
   * argument costs JNA a reflective write and read-back on every call, and the XID thread makes
   * this call around the clock.
   */
  int nvmlEventSetWait_v2(Pointer set, Pointer data, int timeoutMs);

  int nvmlEventSetFree(Pointer set);
}
