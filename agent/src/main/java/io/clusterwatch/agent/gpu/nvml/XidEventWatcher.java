package io.clusterwatch.agent.gpu.nvml;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Counts XID errors per GPU and code from an NVML event set, on its own daemon thread: {@code
 * nvmlEventSetCreate}, {@code nvmlDeviceRegisterEvents(nvmlEventTypeXidCriticalError)} per GPU that
 * supports it, then {@code nvmlEventSetWait_v2} in a loop (TIMEOUT is the normal "no event"). XID
 * 999 means an XID the driver could not name. Counts start at zero when the agent starts.
 */
public final class XidEventWatcher implements AutoCloseable {
  /** {@code nvmlEventTypeXidCriticalError}. */
  static final long XID_CRITICAL_ERROR = 0x8L;

  /**
   * How long one wait blocks; bounds how long {@link #close()} takes. Each timed-out wait wakes the
   * thread for nothing, 110 to 130 us of CPU a wake on a 2-vCPU VM
   * (docs/benchmarks/agent-footprint.md).
   */
  static final int WAIT_MS = 1000;

  private final NvmlLibrary api;
  private final List<Pointer> handles;
  private final System.Logger log;
  private final BiConsumer<Integer, Long> listener;
  private final Map<Integer, GpuXids> byGpu = new ConcurrentHashMap<>();
  private volatile boolean running;
  private Pointer eventSet;
  private Thread thread;

  /** The XIDs of one GPU: per-code counts and the last code. */
  private static final class GpuXids {
    private final Map<Long, Long> counts = new TreeMap<>();
    private long last;

    synchronized void add(long xid) {
      counts.merge(xid, 1L, Long::sum);
      last = xid;
    }

    synchronized Map<Long, Long> counts() {
      return Collections.unmodifiableMap(new TreeMap<>(counts));
    }

    synchronized long last() {
      return last;
    }
  }

  /**
   * @param handles device handles by GPU index (null for a GPU without a handle)
   * @param listener told (gpu index, xid) after each event is counted; for tests and logs
   */
  public XidEventWatcher(
      NvmlLibrary api,
      List<Pointer> handles,
      System.Logger log,
      BiConsumer<Integer, Long> listener) {
    this.api = api;
    this.handles = handles;
    this.log = log;
    this.listener = listener;
  }

  /** Creates the event set, registers every GPU that supports XID events and starts the thread. */
  public void start() {
    PointerByReference set = new PointerByReference();
    int code = api.nvmlEventSetCreate(set);
    if (code != NvmlReturn.SUCCESS) {
      log.log(
          System.Logger.Level.INFO,
          "XID events unavailable: nvmlEventSetCreate returned {0}",
          NvmlReturn.describe(code));
      return;
    }
    eventSet = set.getValue();
    int registered = 0;
    for (int gpu = 0; gpu < handles.size(); gpu++) {
      Pointer handle = handles.get(gpu);
      if (handle != null && register(gpu, handle)) {
        byGpu.put(gpu, new GpuXids());
        registered++;
      }
    }
    if (registered == 0) {
      api.nvmlEventSetFree(eventSet);
      eventSet = null;
      return;
    }
    running = true;
    thread = new Thread(this::loop, "nvml-xid-events");
    thread.setDaemon(true);
    thread.start();
  }

  private boolean register(int gpu, Pointer handle) {
    LongByReference supported = new LongByReference();
    int code = api.nvmlDeviceGetSupportedEventTypes(handle, supported);
    if (code != NvmlReturn.SUCCESS || (supported.getValue() & XID_CRITICAL_ERROR) == 0) {
      log.log(System.Logger.Level.INFO, "GPU {0}: XID events not supported", gpu);
      return false;
    }
    // XID alone: if one requested type is unsupported, NVML registers none of them
    code = api.nvmlDeviceRegisterEvents(handle, XID_CRITICAL_ERROR, eventSet);
    if (code != NvmlReturn.SUCCESS) {
      log.log(
          System.Logger.Level.WARNING,
          "GPU {0}: nvmlDeviceRegisterEvents returned {1}",
          gpu,
          NvmlReturn.describe(code));
      return false;
    }
    return true;
  }

  private void loop() {
    Memory data = new Memory(NvmlLayout.EVENT_DATA_SIZE);
    while (running) {
      int code = api.nvmlEventSetWait_v2(eventSet, data, WAIT_MS);
      if (code == NvmlReturn.TIMEOUT) {
        continue;
      }
      if (code != NvmlReturn.SUCCESS) {
        log.log(
            System.Logger.Level.WARNING,
            "nvmlEventSetWait_v2 returned {0}; XID counting stops",
            NvmlReturn.describe(code));
        return;
      }
      if ((data.getLong(NvmlLayout.EVENT_TYPE) & XID_CRITICAL_ERROR) == 0) {
        continue;
      }
      long xid = data.getLong(NvmlLayout.EVENT_DATA);
      int gpu = handles.indexOf(data.getPointer(NvmlLayout.EVENT_DEVICE));
      GpuXids xids = byGpu.get(gpu);
      if (xids == null) {
        continue;
      }
      xids.add(xid);
      log.log(System.Logger.Level.WARNING, "GPU {0}: XID {1}", gpu, xid);
      listener.accept(gpu, xid);
    }
  }

  /** True when the GPU is registered for XID events. */
  public boolean watches(int gpu) {
    return byGpu.containsKey(gpu);
  }

  /** Events per XID code on this GPU since the start; empty map when none. */
  public Map<Long, Long> counts(int gpu) {
    GpuXids xids = byGpu.get(gpu);
    return xids == null ? Map.of() : xids.counts();
  }

  /** The last XID on this GPU, 0 when none yet; empty when the GPU is not watched. */
  public OptionalLong last(int gpu) {
    GpuXids xids = byGpu.get(gpu);
    return xids == null ? OptionalLong.empty() : OptionalLong.of(xids.last());
  }

  /** Stops the thread (within one wait) and frees the event set. */
  @Override
  public void close() {
    running = false;
    if (thread != null) {
      try {
        thread.join(WAIT_MS * 4L);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (!thread.isAlive() && eventSet != null) {
        api.nvmlEventSetFree(eventSet);
      }
    } else if (eventSet != null) {
      api.nvmlEventSetFree(eventSet);
    }
    eventSet = null;
  }
}
