package io.clusterwatch.agent.gpu.nvml;

import com.sun.jna.Pointer;
import io.clusterwatch.agent.gpu.GpuIdentity;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One physical GPU as the backend knows it: its handle (valid between init and shutdown), its
 * identity, and the calls it answered NOT_SUPPORTED to, which are not asked again.
 */
final class NvmlDevice {
  private final Pointer handle;
  private final long address;
  private final GpuIdentity identity;
  private final Set<String> unsupported = ConcurrentHashMap.newKeySet();
  private final Set<String> warned = ConcurrentHashMap.newKeySet();
  private volatile boolean lost;
  private volatile boolean gpmSupported;

  /** GPM sample pairs by {@link NvmlGpmReader#WHOLE_GPU} or MIG GPU instance id. */
  private final Map<Integer, NvmlGpmSamples> gpm = new ConcurrentHashMap<>();

  private final NvmlBuffers buffers = new NvmlBuffers(NvmlDeviceReader.FIELD_IDS);

  NvmlDevice(Pointer handle, GpuIdentity identity) {
    this.handle = Objects.requireNonNull(handle, "handle");
    this.address = Pointer.nativeValue(handle);
    this.identity = Objects.requireNonNull(identity, "identity");
  }

  /** The reusable out-parameters; only for the thread currently reading this GPU. */
  NvmlBuffers buffers() {
    return buffers;
  }

  Pointer handle() {
    return handle;
  }

  /** The handle's native address, as the direct-mapped calls take it. */
  long address() {
    return address;
  }

  GpuIdentity identity() {
    return identity;
  }

  int index() {
    return identity.index();
  }

  /**
   * True once a call answered GPU_IS_LOST: the GPU fell off the bus and its handle is not queried
   * again (hardware-facts.md a.5); it stays stale until the agent restarts.
   */
  boolean lost() {
    return lost;
  }

  void markLost() {
    lost = true;
  }

  boolean unsupported(String call) {
    return unsupported.contains(call);
  }

  void markUnsupported(String call) {
    unsupported.add(call);
  }

  /** True the first time a (call, code) pair is seen, so each odd error is logged once. */
  boolean firstWarning(String call, int code) {
    return warned.add(call + '/' + code);
  }

  /** True once {@code nvmlGpmQueryDeviceSupport} said this GPU has GPM. */
  boolean gpmSupportKnown() {
    return gpmSupported;
  }

  void markGpmSupported() {
    gpmSupported = true;
  }

  NvmlGpmSamples gpmSamples(int instance) {
    return gpm.computeIfAbsent(instance, k -> new NvmlGpmSamples());
  }

  /** Frees the GPM samples; called once, before {@code nvmlShutdown}. */
  void freeGpm(NvmlLibrary api) {
    gpm.values().forEach(samples -> samples.free(api));
    gpm.clear();
  }
}
